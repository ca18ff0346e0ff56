package dev.caas.harness.ab;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.compare.Comparison;
import dev.caas.harness.compare.GateComparison;
import dev.caas.harness.compare.GateFile;
import dev.caas.harness.compare.GateRun;
import dev.caas.harness.compare.GateWriter;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.Provenance;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Testbed;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caas ab}: two builds of the project measured in turns on this machine, and the head judged
 * against the base ({@link GateComparison}); the exit code says whether it regressed.
 */
@Command(
    name = "ab",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "A/B on one machine: is the head build slower than the base build?",
      "",
      "Starts one testbed, then runs the variant from each build's jars in turns (base, head, head, base, "
          + "…), each time in a fresh JVM: a warm-up, a closed loop at no latency (throughput at saturation; "
          + "CPU and bytes allocated per request of the variant), a few clients at a small latency "
          + "(overhead above the theory, and per step above the injected latency), and an open loop at a "
          + "fixed rate (p99). Every figure gets a bootstrap confidence interval of head/base and a "
          + "verdict; one slower figure fails the gate. Prints Markdown fit for $GITHUB_STEP_SUMMARY.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  A pull request: build the merge base and the head, each into a folder of jars, then",
      "    caas ab --base-jars base/ --head-jars head/ --out target/gate",
      "  The gate's own test: the same build twice, the head burning 1 ms of CPU per request",
      "    caas ab --base-jars . --head-jars . --head-extra-cpu 1ms",
      "  Judge a saved run again, e.g. with another threshold:",
      "    caas compare --ab target/gate/ab.json --threshold 10%%",
      "",
      "Exit codes:",
      "  0  no figure is slower",
      "  1  a regression: at least one figure is slower beyond the threshold",
      "  2  cannot run: a jar missing, a variant that did not start"
    })
public final class AbCommand implements Callable<Integer> {
  static final int EXIT_NO_REGRESSION = 0;
  static final int EXIT_REGRESSION = 1;
  static final int EXIT_CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--base-jars",
      paramLabel = "DIR",
      required = true,
      description = "The base build: a folder of its jars, or its project root.")
  Path baseJars;

  @Option(
      names = "--head-jars",
      paramLabel = "DIR",
      description = "The head build, the same way (default: the base's, for the gate's own test).")
  Path headJars;

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      defaultValue = "sync-sequential",
      description = "The variant both builds run (default ${DEFAULT-VALUE}).")
  String variant;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "3",
      description = "JVMs per build, in turns (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "3000",
      description = "Warm-up requests per JVM, not measured (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--saturation-requests",
      paramLabel = "N",
      defaultValue = "1500",
      description = "Requests of the closed loop at no latency (default ${DEFAULT-VALUE}).")
  int saturationRequests;

  @Option(
      names = "--saturation-clients",
      paramLabel = "N",
      defaultValue = "16",
      description = "Its clients (default ${DEFAULT-VALUE}).")
  int saturationClients;

  @Option(
      names = "--latency",
      paramLabel = "DURATION",
      defaultValue = "10ms",
      description = "Per step at the latency point (default ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(
      names = "--latency-requests",
      paramLabel = "N",
      defaultValue = "100",
      description = "Requests of 4 clients at the latency point (default ${DEFAULT-VALUE}).")
  int latencyRequests;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "100",
      description = "Of the open loop, below saturation (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--open-requests",
      paramLabel = "N",
      defaultValue = "200",
      description = "Requests of the open loop (default ${DEFAULT-VALUE}).")
  int openRequests;

  @Option(
      names = "--head-extra-cpu",
      paramLabel = "DURATION",
      split = ",",
      defaultValue = "0ms",
      description =
          "TEST ONLY: the head's variant burns this much CPU per request (--extra-cpu), the regression"
              + " the gate's own benchmark injects (default none). With --trials, a list: 0ms,0.5ms,1ms.")
  List<Duration> headExtraCpu;

  @Option(
      names = "--trials",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "The gate's own benchmark: N whole A/B runs per --head-extra-cpu value, the base's jars on"
              + " both sides; writes trials.jsonl and detection.md (how often each was flagged)"
              + " into --out.")
  int trials;

  @Option(
      names = "--threshold",
      paramLabel = "FRACTION",
      defaultValue = "0.05",
      description = "The smallest change that counts, as 0.05 (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Of the resampling (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write ab.json (every request), gate.md and the chart into DIR.")
  Path out;

  @Option(names = "--quiet", description = "No progress lines.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Variant measured = Variant.parse(variant);
    var plan =
        new AbPlan(
            repeat,
            warmup,
            saturationClients,
            saturationRequests,
            latency,
            AbPlan.DEFAULT.latencyClients(),
            latencyRequests,
            rate,
            openRequests);
    if (headJars == null) {
      headJars = baseJars;
    }
    if (trials == 0 && headExtraCpu.size() != 1) {
      spec.commandLine().getErr().println("caas ab: a list of --head-extra-cpu needs --trials");
      return EXIT_CANNOT_RUN;
    }
    Comparison.Settings defaults = Comparison.Settings.DEFAULT;
    var settings =
        new Comparison.Settings(threshold, defaults.confidence(), defaults.resamples(), seed);
    var base = new Build(GateRun.BASE, baseJars, Duration.ZERO);
    var head = new Build(GateRun.HEAD, headJars, headExtraCpu.getFirst());
    for (Build build : List.of(base, head)) {
      var jars = VariantJars.locate(build.jars(), System.getenv(), Path.of("").toAbsolutePath());
      if (!Files.isRegularFile(jars.jarFor(measured))) {
        spec.commandLine()
            .getErr()
            .println("caas ab: no jar for " + build.name() + " at " + jars.jarFor(measured));
        return EXIT_CANNOT_RUN;
      }
    }
    Instant started = Instant.now();
    List<GateRun> runs;
    Progress progress = quiet ? Progress.SILENT : Progress.console(System.err);
    BenchConfig config = BenchConfig.builder().variants(measured).build();
    progress.phase("testbed", "starting PostgreSQL, Toxiproxy and the dog upstream");
    try (Testbed testbed = Testbed.start(config.testbed());
        var target = new VariantTarget(measured, config, testbed)) {
      var runner = new AbRunner(target, plan, progress);
      if (trials > 0) {
        Path folder = out != null ? out : Path.of("target", "gate");
        var benchmark = new GateBenchmark(runner, settings, progress);
        List<GateBenchmark.Trial> measuredTrials =
            benchmark.run(measured.wireName(), baseJars, headExtraCpu, trials, folder);
        stdout.print(GateBenchmark.table(measuredTrials));
        stdout.println(
            "wrote " + folder.resolve("detection.md") + " (plan: " + plan.describe() + ")");
        stdout.flush();
        return EXIT_NO_REGRESSION;
      }
      runs = runner.run(base, head);
    }
    var facts = new LinkedHashMap<String, String>();
    facts.put("base", baseJars.toString());
    facts.put(
        "head",
        headJars
            + (head.extraCpu().isZero()
                ? ""
                : " with --extra-cpu " + head.variantOptions().getLast() + " (test only)"));
    facts.put("plan", plan.describe());
    facts.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("os.name")
            + ", Java "
            + Runtime.version());
    facts.put("java", Provenance.thisJava().toString());
    facts.put(
        "took",
        String.format(
            Locale.ROOT, "%.0f s", Duration.between(started, Instant.now()).toMillis() / 1000.0));
    var file = new GateFile(measured.wireName(), facts, runs);
    GateComparison gate = GateComparison.of(file.variant(), file.runs(), settings);
    stdout.print(GateWriter.markdown(file, gate, null));
    if (out != null) {
      file.write(out.resolve("ab.json"));
      GateWriter.write(file, gate, out.resolve("gate.md"));
      stdout.println("wrote " + out.resolve("ab.json") + ", " + out.resolve("gate.md"));
    }
    stdout.flush();
    return gate.regressed() ? EXIT_REGRESSION : EXIT_NO_REGRESSION;
  }
}
