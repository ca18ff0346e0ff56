package dev.caas.harness.cli;

import dev.caas.harness.bench.Bench;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.BenchRig;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.report.ReportFiles;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.targets.Target;
import dev.caas.harness.targets.TargetBench;
import dev.caas.harness.targets.TargetReport;
import dev.caas.harness.targets.TargetRun;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.Provenance;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Testbed;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code caas bench --target URL[=NAME]}: running implementations measured against the testbed they
 * were started against, alone or beside launched variants (then on the same testbed, one after the
 * other). The variants' report is the usual one; the targets' rows are their own table, written
 * beside it ({@code targets.md}, {@code targets.json} with {@code --out}).
 *
 * @param targets what to measure
 * @param testbed the JSON of {@code caas testbed}, or {@code null} to start one and print its
 *     variables
 * @param withVariants whether launched variants run too ({@code --variant} given)
 */
record BenchTargets(List<Target> targets, String testbed, boolean withVariants) {

  int run(
      BenchConfig config,
      VariantJars jars,
      boolean quiet,
      PrintWriter stdout,
      Path json,
      Path markdown,
      Path out)
      throws Exception {
    if (config.scenario() instanceof Scenario.Faults) {
      throw new IllegalArgumentException(
          "--target measures the talk and the sweeps, not the fault matrix: for faults, use"
              + " caas conform --target (its faults area)");
    }
    Testbed attached;
    try {
      attached =
          TargetTestbed.attachOrStart(
              testbed, settings(config), targets.stream().map(Target::url).toList(), System.out);
    } catch (IllegalStateException | java.io.IOException e) {
      stdout.println("caas bench: " + e.getMessage());
      stdout.flush();
      return BenchCommand.EXIT_CANNOT_RUN;
    }
    boolean passed = true;
    try (attached;
        Progress progress = quiet ? Progress.SILENT : Progress.console(System.err)) {
      if (withVariants) {
        BenchReport report = new Bench(config, jars, progress).run(attached);
        stdout.print(ReportWriter.text(report));
        if (out != null) {
          ReportFiles.write(report, out);
        }
        passed = report.passed();
      }
      var rig = new BenchRig(config, jars, progress);
      List<TargetRun> runs = new TargetBench(config, rig, progress).run(attached, targets);
      Provenance provenance =
          rig.provenance(attached.backends().postgres(), attached.backends().toxiproxy());
      stdout.print(TargetReport.text(runs));
      String heading = heading(provenance);
      for (Path file : files(json, out, "targets.json")) {
        TargetReport.writeJson(runs, file);
        stdout.println("wrote " + file);
      }
      for (Path file : files(markdown, out, "targets.md")) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, heading + TargetReport.markdown(runs));
        stdout.println("wrote " + file);
      }
      passed &= runs.stream().allMatch(TargetRun::passed);
    }
    stdout.flush();
    return passed ? BenchCommand.EXIT_PASSED : BenchCommand.EXIT_FAILED;
  }

  /** What the targets must run with, where the user set it for the variants too. */
  private static Map<String, String> settings(BenchConfig config) {
    var settings = new LinkedHashMap<String, String>();
    if (config.deadline() != null) {
      settings.put("CAAS_DEADLINE_MS", String.valueOf(config.deadline().toMillis()));
    }
    if (config.dbPool() != null) {
      settings.put("CAAS_DB_POOL", String.valueOf(config.dbPool()));
    }
    if (config.serverThreads() != null) {
      settings.put("CAAS_SERVER_THREADS", String.valueOf(config.serverThreads()));
    }
    return settings;
  }

  private static List<Path> files(Path named, Path folder, String nameInFolder) {
    var files = new java.util.ArrayList<Path>();
    if (named != null) {
      files.add(named);
    }
    if (folder != null) {
      files.add(folder.resolve(nameInFolder));
    }
    return files;
  }

  private static String heading(Provenance provenance) {
    return "# caas bench --target\n\n"
        + "commit "
        + provenance.commit()
        + ", "
        + provenance.date()
        + ", harness "
        + provenance.harnessVersion()
        + " on "
        + provenance.harnessJdk()
        + ", "
        + provenance.cores()
        + " cores, "
        + provenance.os()
        + "; PostgreSQL "
        + provenance.postgres()
        + ", Toxiproxy "
        + provenance.toxiproxy()
        + "\n\n";
  }
}
