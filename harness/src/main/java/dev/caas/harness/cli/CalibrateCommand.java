package dev.caas.harness.cli;

import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.calibration.Calibrator;
import dev.caas.harness.calibration.DelayServer;
import dev.caas.harness.text.Millis;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caas calibrate}: the generator's own ceiling beside wrk's, stored for {@code caas bench}
 * to check runs against.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Measures the load generator itself, so a bench can tell the variant's limit from the harness's.",
      "",
      "Starts a loopback server with an endpoint that answers at once and one that answers after --delay, "
          + "then measures: the harness's requests per second with --connections to the first, wrk's on the "
          + "same endpoint, the harness's latency with --in-flight requests to the second, and wrk's. Prints "
          + "the ratios and stores the result where 'caas bench' reads it; every bench report flags a run "
          + "above the calibrated ceiling.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  The default: 64 connections at no delay, 1,000 in flight to a 1 s endpoint, 10 s each:",
      "    caas calibrate",
      "  Check a larger concurrency before a sweep to 2,000 clients:",
      "    caas calibrate --in-flight 2000",
      "  A quick check, kept out of the project's calibration file:",
      "    caas calibrate --duration 3s --delay 200ms --in-flight 200 --out /tmp/calibration.json",
      "",
      "wrk is optional (apt-get install wrk); without it the harness's figures are printed alone."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "Connections for the no-delay ceiling, harness and wrk alike (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Requests in flight to the delayed endpoint (default ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(
      names = "--delay",
      paramLabel = "D",
      defaultValue = "1s",
      description = "The delayed endpoint's answer time (default ${DEFAULT-VALUE}).")
  Duration delay;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "10s",
      description =
          "Roughly how long each of the four measurements lasts (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where to store the calibration (default: target/caas-calibration.json under the project root).")
  Path out;

  @Option(
      names = "--jars",
      paramLabel = "DIR",
      hidden = true,
      description = "The project root, as for bench.")
  Path jars;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    var found = VariantJars.locate(jars, System.getenv(), Path.of("").toAbsolutePath());
    Path file = out != null ? out : Calibration.file(found);
    Calibration calibration;
    try (Progress progress = quiet ? Progress.SILENT : Progress.console(System.err)) {
      calibration =
          new Calibrator(connections, inFlight, delay, duration).run(progress, found.folder());
    }
    calibration.write(file);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(text(calibration));
    stdout.println("wrote " + file);
    stdout.flush();
    return 0;
  }

  /** Provenance, then the two measurements side by side with their ratios. */
  public static String text(Calibration c) {
    var out = new StringBuilder("caas calibrate\n");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("date", c.date());
    facts.put("commit", c.commit());
    facts.put("harness JDK", c.jdk());
    facts.put("cores", Integer.toString(c.cores()));
    facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    facts.put(
        "endpoints",
        "loopback, in this JVM (Reactor Netty): "
            + DelayServer.ZERO
            + " at once, "
            + DelayServer.DELAY
            + " after "
            + Millis.format(c.delayMs()));
    facts.put("wrk", c.wrk());
    facts.forEach(
        (key, value) -> out.append(String.format(Locale.ROOT, "  %-12s%s%n", key, value)));
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT, "  %-40s %12s %12s %12s%n", "", "harness", "wrk", "harness/wrk"));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-40s %12.0f %12s %12s%n",
            "max rps, " + c.connections() + " connections, no delay",
            c.harnessMaxRps(),
            rps(c.wrkMaxRps()),
            ratio(c.maxRpsRatio())));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-40s %12s %12s %12s%n",
            "p50, " + c.inFlight() + " in flight, " + Millis.format(c.delayMs()) + " endpoint",
            Millis.format(c.harnessP50Ms()),
            Millis.format(c.wrkP50Ms()),
            ratio(c.harnessP50Ms() / c.wrkP50Ms())));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-40s %12s %12s %12s%n",
            "p99, same",
            Millis.format(c.harnessP99Ms()),
            Millis.format(c.wrkP99Ms()),
            ratio(c.harnessP99Ms() / c.wrkP99Ms())));
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  ceiling: %.0f rps; at %d in flight the harness adds %.0f %% to the median (%s)%n",
            c.harnessMaxRps(),
            c.inFlight(),
            (c.p50OverDelay() - 1) * 100,
            c.accurateInFlight()
                ? "accurate"
                : "more than "
                    + Math.round(Calibration.ACCURATE_OVERHEAD * 100)
                    + " %: "
                    + "runs at this concurrency measure the generator too"));
    return out.toString();
  }

  private static String rps(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ratio(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "—";
  }
}
