package dev.caas.harness.cli;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.Bench;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.report.ReportFiles;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.targets.Target;
import dev.caas.harness.text.Progress;
import dev.caas.harness.theory.PredictedScenario;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Backend;
import dev.caas.testbed.Fault;
import dev.caas.testbed.ProcessLayout;
import dev.caas.testbed.TestbedOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caas bench}: options to a {@link BenchConfig}, a {@link Bench} run, the report to the
 * console and files.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Measures variants under injected latency and prints the talk's table.",
      "",
      "Starts the testbed (PostgreSQL, Toxiproxy, dog upstream) once, then for each variant launches its "
          + "jar, warms it up at no latency, injects the latency, sends the requests, waits until the variant "
          + "has undone the billing of any failed request, checks that every photo served was billed once, and "
          + "prints the results with the theory beside each row.",
      "",
      "With --fault it prints the fault matrix instead: for each fault and variant, errors by kind, time to "
          + "fail against the deadline, whether the pools went idle, the first request after recovery and the "
          + "billing difference.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  The talk at 100 ms: 90 requests, 10 clients, every variant whose jar is built:",
      "    caas bench",
      "  The talk's real scale, 45 s and 30 s per request (a few minutes per variant):",
      "    caas bench --variant sync-sequential,sync-gathered --latency 15s",
      "  More clients than threads; watch the bottleneck move in the theory notes:",
      "    caas bench -c 100 -n 1000 --server-threads 16 --out target/results/c100",
      "  Open loop at 50 requests/s, latency counted from each scheduled start:",
      "    caas bench --variant loom-gathered --rate 50 -n 500 --db-latency 20ms",
      "  A JVM option for the variants, and the report with every sample as JSON:",
      "    caas bench --variant sync-gathered --jvm-arg=-Xmx256m --json results.json",
      "  Latency sweep, L = 0, 10, 50, 100, 200 ms on both proxies, everything written to a folder:",
      "    caas bench --scenario latency-sweep --out target/results/latency",
      "  Concurrency sweep with latency on the upstream only: sync saturates at threads / T, Loom and reactive",
      "  do not; then on both proxies, where the database pool limits everyone:",
      "    caas bench --scenario concurrency-sweep --flavour upstream-only --concurrency-list 1,10,50,100,200,500,1000",
      "    caas bench --scenario concurrency-sweep --flavour both --out target/results/pool",
      "  Latency and jitter per proxy:",
      "    caas bench --upstream-latency 200ms --upstream-jitter 50ms --db-latency 20ms --db-jitter 5ms",
      "  Five interleaved runs per variant, median of medians with a 95 %% confidence interval:",
      "    caas bench --variant sync-sequential,loom-sequential --repeat 5",
      "  Check the generator first; every report flags runs above its ceiling:",
      "    caas calibrate",
      "  Overload: 2,000 clients at once, one request each, 200 ms on both proxies, a pool of 100. Loom and",
      "  reactive queue every request and answer all; sync's bounded queue answers the surplus 503 at once:",
      "    caas bench --scenario overload --variant loom-gathered,reactive-gathered",
      "    caas bench --scenario scale --variant loom-gathered,reactive-gathered,sync-gathered --out results/scale",
      "    caas bench --scenario overload --variant sync-gathered --queue 100",
      "  Faults: each one injected a third into a short run (4 clients, 20 ms, deadline 1 s), healed at two thirds;",
      "  errors must be the fault's own and come by the deadline, pools idle after, then a 200, the books balanced:",
      "    caas bench --fault all --out target/results/faults",
      "    caas bench --fault postgres-down,dog-table-locked --variant loom-gathered --deadline 2s",
      "  An implementation already running, started against 'caas testbed --json testbed.json':",
      "    caas bench --target http://127.0.0.1:8081=flask --testbed testbed.json",
      "  The same beside a launched variant, on the same testbed:",
      "    caas bench --target http://127.0.0.1:8083 --variant loom-gathered --testbed testbed.json",
      "  From another host, with the JSON the testbed serves ('caas testbed --listen 198.18.0.1"
          + " --json-port 8475'):",
      "    caas bench --target http://198.18.0.2:8080 --testbed http://198.18.0.1:8475/testbed.json",
      "",
      "Exit codes:",
      "  0  every run passed",
      "  1  a run had errors or billed/served counts that differ, a fault cell failed, or a variant failed",
      "  2  bad options, or nothing could run (no jar built)"
    })
public final class BenchCommand implements Callable<Integer> {
  static final int EXIT_PASSED = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--variant",
      paramLabel = "NAMES",
      defaultValue = "all",
      description =
          "Comma-separated variants or 'all' (default). With 'all', a variant whose jar is not built "
              + "is skipped and listed with the command that builds it; a named one fails the bench.")
  String variants;

  @Option(
      names = "--target",
      paramLabel = "URL[=NAME]",
      description =
          "An implementation already running (any language, any host), measured like a variant:"
              + " the same warm-up, latency on the proxies of the testbed it was started against,"
              + " billing reconciled in its database. Repeatable; with --variant the launched"
              + " variants run on the same testbed. NAME defaults to /health's variant.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--testbed",
      paramLabel = "FILE-or-URL",
      description =
          "With --target: the JSON of the 'caas testbed' the targets were started against, the"
              + " file it wrote or the URL it serves it at (default: start one here, print the"
              + " variables to start them with, wait for them).")
  String testbed;

  @Option(
      names = {"-n", "--requests"},
      paramLabel = "N",
      description =
          "Measured requests per variant (default 90, or one per client when there are more clients).")
  Integer requests;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "C",
      description =
          "Closed-loop clients; with --rate, the most connections in flight (default 10; overload 2000, "
              + "faults 4).")
  Integer concurrency;

  @Option(
      names = "--rate",
      paramLabel = "RPS",
      description = "Open loop instead: this many requests per second, whatever the answers do.")
  Double rate;

  @Option(
      names = "--latency",
      paramLabel = "D",
      description =
          "Injected on both proxies while measuring, e.g. 100ms, 15s (default 100ms; overload 200ms, "
              + "faults 20ms).")
  Duration latency;

  @Option(
      names = "--upstream-latency",
      paramLabel = "D",
      description = "Overrides --latency for the upstream.")
  Duration upstreamLatency;

  @Option(
      names = "--db-latency",
      paramLabel = "D",
      description = "Overrides --latency for PostgreSQL.")
  Duration dbLatency;

  @Option(
      names = "--jitter",
      paramLabel = "D",
      defaultValue = "0ms",
      description = "± this much on both proxies (default ${DEFAULT-VALUE}).")
  Duration jitter;

  @Option(
      names = "--upstream-jitter",
      paramLabel = "D",
      description = "Overrides --jitter for the upstream.")
  Duration upstreamJitter;

  @Option(
      names = "--db-jitter",
      paramLabel = "D",
      description = "Overrides --jitter for PostgreSQL.")
  Duration dbJitter;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      defaultValue = "talk",
      description =
          "talk (one point), latency-sweep, concurrency-sweep, overload (2,000 clients at once, one "
              + "request each, 200 ms, db pool 100), faults (the same as --fault all) or scale (500 … "
              + "9,000 requests in flight on a long upstream latency: what a waiting request costs) "
              + "(default ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--fault",
      paramLabel = "NAMES",
      description =
          "Run the fault matrix instead: 'all' or a comma-separated list of the faults below. Each "
              + "variant × fault gets a fresh JVM with a 1 s deadline (unless --deadline), 4 clients (unless -c) and "
              + "20 ms on both proxies (unless --latency); exit 1 when any cell fails.")
  String fault;

  @Option(
      names = "--flavour",
      paramLabel = "WHERE",
      description =
          "Where a sweep injects its latency: upstream-only (the thread limit shows) or both (the "
              + "database pool's shows too). Default: upstream-only for the concurrency sweep, both for the latency sweep.")
  String flavour;

  @Option(
      names = "--latency-list",
      paramLabel = "D,D,…",
      split = ",",
      description = "The latency sweep's latencies (default 0ms,10ms,50ms,100ms,200ms).")
  List<Duration> latencyList;

  @Option(
      names = "--concurrency-list",
      paramLabel = "C,C,…",
      split = ",",
      description =
          "The concurrency sweep's client counts (default 1,10,50,100,200,500,1000); the scale "
              + "scenario's requests in flight (default 500,1000,2000,5000,9000).")
  List<Integer> concurrencyList;

  @Option(
      names = "--requests-per-client",
      paramLabel = "N",
      description =
          "A concurrency sweep sends max(--requests, N × C) requests at each point, so every point "
              + "reaches a steady state (default 10).")
  Integer requestsPerClient;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run each variant N times, interleaved (v1 v2 v3 v1 v2 v3 …), each a fresh JVM, and report "
              + "the median of medians with a bootstrap confidence interval (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description =
          "Requests before measuring, at no latency and not counted; at least one per client "
              + "(default 300; concurrency sweep 30,000, so that the JIT has settled; faults 100; 0 "
              + "for none).")
  Integer warmup;

  @Option(
      names = "--cpu-demand",
      paramLabel = "D",
      description =
          "The queueing model's CPU per request, every process on the machine counted, e.g. 5ms "
              + "(default: each model's estimate, see README \"Predict the knee\").")
  Duration cpuDemand;

  @Option(
      names = "--predict-only",
      description =
          "Print the queueing model's predicted table for the scenario and stop: nothing is started, "
              + "the limits are the variants' defaults.")
  boolean predictOnly;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the report, with every sample, as JSON.")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write the report as Markdown.")
  Path markdown;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write everything into DIR: results.json, results.md, results.csv, report.html (one "
              + "self-contained page), an HdrHistogram log per variant and run (*.hlog) and the charts (*.svg).")
  Path out;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar or lines on stderr (for CI).")
  boolean quiet;

  @Option(
      names = "--jars",
      paramLabel = "DIR",
      description =
          "The project root, or a folder holding the variants' -all.jar files (default: the project "
              + "root, found from the working directory or CAAS_HOME).")
  Path jars;

  @Option(
      names = "--java",
      paramLabel = "PATH",
      description = "The java launcher for the variants (default: the one running this command).")
  Path java;

  @Option(
      names = "--jvm-arg",
      paramLabel = "ARG",
      description = "A JVM option for the variants; repeat for more, write --jvm-arg=-Xmx256m.")
  List<String> jvmArgs = new ArrayList<>();

  @Option(
      names = "--db-pool",
      paramLabel = "N",
      description =
          "Database connections per variant (default: the variants' own, 20; overload 100).")
  Integer dbPool;

  @Option(
      names = "--server-threads",
      paramLabel = "N",
      description = "Request threads, for bounded-pool variants.")
  Integer serverThreads;

  @Option(
      names = "--queue",
      paramLabel = "N",
      description =
          "Requests a bounded-pool variant (sync) lets wait for a busy thread; past it, 503 at once "
              + "(default: the variants' own, 1000).")
  Integer queue;

  @Option(
      names = "--deadline",
      paramLabel = "D",
      description =
          "How long a variant lets one request take before it answers 504 (default: the variants' own, "
              + "60 s; faults 1 s).")
  Duration deadline;

  @Option(
      names = "--backend",
      paramLabel = "NAME",
      defaultValue = "auto",
      description =
          "Where PostgreSQL and Toxiproxy come from: auto (containers when a Docker engine answers, "
              + "else embedded), embedded, containers, external (default ${DEFAULT-VALUE}).")
  String backend;

  @Option(
      names = "--separate-processes",
      description =
          "Run the embedded Toxiproxy and the dog upstream in JVMs of their own, so the cost footer "
              + "gives the load generator, the proxy and the upstream their CPU each (the scale "
              + "scenario always does).")
  boolean separateProcesses;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      description =
          "With --backend external: the PostgreSQL to use, e.g. jdbc:postgresql://127.0.0.1:5432/postgres.")
  String externalDbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "NAME",
      defaultValue = "postgres",
      description = "With --backend external (default ${DEFAULT-VALUE}).")
  String externalDbUser;

  @Option(
      names = "--db-password",
      paramLabel = "SECRET",
      defaultValue = "postgres",
      description = "With --backend external (default ${DEFAULT-VALUE}).")
  String externalDbPassword;

  @Option(
      names = "--toxiproxy-url",
      paramLabel = "URL",
      description =
          "With --backend external: a Toxiproxy API on this machine, e.g. http://127.0.0.1:8474.")
  String toxiproxyUrl;

  @Option(
      names = "--startup-timeout",
      paramLabel = "D",
      defaultValue = "60s",
      description = "How long a variant may take to be ready (default ${DEFAULT-VALUE}).")
  Duration startupTimeout;

  @Option(
      names = "--request-timeout",
      paramLabel = "D",
      description =
          "A request unanswered by then is an error (default: three times the slowest theory + 1 min).")
  Duration requestTimeout;

  /**
   * The options as a config; {@code --variant all} skips missing jars, named variants require them.
   */
  BenchConfig config() {
    boolean all = variants.trim().equalsIgnoreCase("all");
    Scenario named = Scenario.parse(scenario);
    if (fault != null && !(named instanceof Scenario.Talk || named instanceof Scenario.Faults)) {
      throw new IllegalArgumentException(
          "--fault runs the faults scenario: drop --scenario " + scenario);
    }
    return BenchConfig.builder()
        .scenario(fault != null ? new Scenario.Faults(Fault.parseList(fault)) : named)
        .variants(Variant.parseList(variants))
        .requireJars(!all)
        .requests(requests)
        .concurrency(concurrency)
        .ratePerSecond(rate)
        .upstreamLatency(upstreamLatency != null ? upstreamLatency : latency)
        .dbLatency(dbLatency != null ? dbLatency : latency)
        .upstreamJitter(upstreamJitter != null ? upstreamJitter : jitter)
        .dbJitter(dbJitter != null ? dbJitter : jitter)
        .flavour(flavour == null ? null : Scenario.Flavour.parse(flavour))
        .latencies(latencyList == null || latencyList.isEmpty() ? null : latencyList)
        .concurrencies(
            concurrencyList == null || concurrencyList.isEmpty() ? null : concurrencyList)
        .requestsPerClient(requestsPerClient)
        .repeat(repeat)
        .warmup(warmup)
        .jars(jars)
        .java(java)
        .jvmArgs(jvmArgs)
        .dbPool(dbPool)
        .serverThreads(serverThreads)
        .queue(queue)
        .deadline(deadline)
        .testbed(testbedOptions())
        .startupTimeout(startupTimeout)
        .requestTimeout(requestTimeout)
        .cpuDemand(cpuDemand)
        .build();
  }

  @Override
  public Integer call() throws Exception {
    BenchConfig config = config();
    if (predictOnly) {
      spec.commandLine().getOut().print(predicted(config));
      spec.commandLine().getOut().flush();
      return EXIT_PASSED;
    }
    var jarsFound =
        VariantJars.locate(config.jars(), System.getenv(), Path.of("").toAbsolutePath());
    PrintWriter stdout = spec.commandLine().getOut();
    if (!targets.isEmpty()) {
      boolean withVariants = spec.commandLine().getParseResult().hasMatchedOption("--variant");
      return new BenchTargets(targets.stream().map(Target::parse).toList(), testbed, withVariants)
          .run(config, jarsFound, quiet, stdout, json, markdown, out);
    }
    if (testbed != null) {
      throw new IllegalArgumentException("--testbed goes with --target");
    }
    BenchReport report;
    try (Progress progress = quiet ? Progress.SILENT : Progress.console(System.err)) {
      report = new Bench(config, jarsFound, progress).run();
    }
    stdout.print(ReportWriter.text(report));
    if (json != null) {
      ReportWriter.writeJson(report, json);
      stdout.println("wrote " + json);
    }
    if (markdown != null) {
      ReportWriter.writeMarkdown(report, markdown);
      stdout.println("wrote " + markdown);
    }
    if (out != null) {
      List<Path> written = ReportFiles.write(report, out);
      stdout.println(
          "wrote "
              + written.size()
              + " files to "
              + out
              + ": "
              + String.join(
                  ", ",
                  written.stream().map(file -> file.getFileName().toString()).limit(8).toList())
              + (written.size() > 8 ? ", …" : "")
              + " (open "
              + out.resolve("report.html")
              + ")");
    }
    stdout.flush();
    boolean nothingRanOrFailed =
        report.runs().isEmpty()
            && report.faultRuns().isEmpty()
            && report.notRun().stream().allMatch(NotRun::skipped);
    if (nothingRanOrFailed) {
      return EXIT_CANNOT_RUN;
    }
    return report.passed() ? EXIT_PASSED : EXIT_FAILED;
  }

  /** The predicted table of {@code --predict-only}, for the cores of this machine. */
  static String predicted(BenchConfig config) {
    return PredictedScenario.render(
        config.variants(),
        config.points(),
        config.dbPool(),
        config.serverThreads(),
        config.cpuDemand(),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * The help section that lists the fault catalogue, so {@code --help} names every fault {@code
   * --fault} takes.
   */
  static final String FAULTS_SECTION = "faults";

  /** Adds the fault catalogue to the help of {@code bench}, just before the examples. */
  static void addFaultCatalogue(CommandLine bench) {
    bench.getHelpSectionMap().put(FAULTS_SECTION, help -> faultCatalogue());
    var keys = new ArrayList<>(bench.getHelpSectionKeys());
    keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER), FAULTS_SECTION);
    bench.setHelpSectionKeys(keys);
  }

  /**
   * {@code postgres-down database proxy disabled …; expects 503/504 on billing/name}, one line per
   * fault.
   */
  static String faultCatalogue() {
    int width = Arrays.stream(Fault.values()).mapToInt(f -> f.wireName().length()).max().orElse(0);
    var out =
        new StringBuilder(
            "%nFaults (--fault NAME,NAME or all; what each one expects while it lasts):%n");
    for (Fault f : Fault.values()) {
      out.append("  ")
          .append(f.wireName())
          .append(" ".repeat(width - f.wireName().length() + 2))
          .append(f.description())
          .append("; expects ")
          .append(f.expectation())
          .append("%n");
    }
    return String.format(out.toString());
  }

  private TestbedOptions testbedOptions() {
    Backend chosen = Backend.parse(backend);
    if (chosen != Backend.EXTERNAL && (externalDbUrl != null || toxiproxyUrl != null)) {
      throw new IllegalArgumentException("--db-url and --toxiproxy-url go with --backend external");
    }
    if (chosen == Backend.EXTERNAL) {
      if (separateProcesses) {
        throw new IllegalArgumentException(
            "--separate-processes is for the embedded proxy and upstream, not --backend external");
      }
      return TestbedOptions.external(
          externalDbUrl, externalDbUser, externalDbPassword, toxiproxyUrl);
    }
    TestbedOptions options = TestbedOptions.of(chosen);
    return separateProcesses ? options.withProcesses(ProcessLayout.SEPARATE_PROCESSES) : options;
  }
}
