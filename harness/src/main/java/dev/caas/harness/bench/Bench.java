package dev.caas.harness.bench;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.queueing.ProbedMachine;
import dev.caas.harness.stats.SteadyThroughput;
import dev.caas.harness.text.Progress;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.VariantJars;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Backend;
import dev.caas.testbed.ProcessLayout;
import dev.caas.testbed.RigBudget;
import dev.caas.testbed.RigBudget.BudgetDemand;
import dev.caas.testbed.RigLimits;
import dev.caas.testbed.Testbed;
import dev.caas.testbed.TestbedOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bench: for each variant, start its jar against the testbed, warm it up, inject the latency,
 * send the measured requests, wait until it has undone any failed request's billing, reconcile the
 * billing, stop it. The faults scenario runs its own cells ({@link FaultBench}) with the same
 * parts. The {@code caas bench} command is a thin layer over this, and integration tests call it
 * directly:
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchConfig.builder().variants(Variant.SYNC_GATHERED).requests(30).build());
 * assertThat(report.passed()).isTrue();
 * }</pre>
 *
 * <p>One testbed serves all variants, one after the other; each variant gets a fresh JVM and the
 * same warm-up and, from {@value #PROBE_FROM_CONNECTIONS} clients on, a no-latency probe of its
 * throughput at 1, 2, 4, … clients (the queueing model's machine), then is measured at every {@link
 * ScenarioPoint} of the scenario, each time after one request per client at no latency (fresh
 * connections) and with a clean billing ledger. With {@code --repeat N} the variants take turns N
 * times ({@link RunOrder}), each turn a fresh JVM. Latency is injected only while measuring, so
 * start-up and warm-up are quick and pools are filled over a fast network, as the design asks.
 */
public final class Bench {
  private final BenchConfig config;
  private final VariantJars jars;
  private final Progress progress;
  private final BenchRig rig;

  /**
   * @param jars where the variants' jars are; see {@link VariantJars#locate}
   */
  public Bench(BenchConfig config, VariantJars jars, Progress progress) {
    this.config = config;
    this.jars = jars;
    this.progress = progress;
    this.rig = new BenchRig(config, jars, progress);
  }

  /**
   * Runs {@code config} quietly, with its own testbed and jars found from the working directory.
   */
  public static BenchReport run(BenchConfig config) throws Exception {
    var jars = VariantJars.locate(config.jars(), System.getenv(), Path.of("").toAbsolutePath());
    return new Bench(config, jars, Progress.SILENT).run();
  }

  /**
   * Starts a testbed (only if some variant can run), runs every variant, stops the testbed.
   *
   * @return the report; {@link BenchReport#passed()} says whether anything failed
   */
  public BenchReport run() throws Exception {
    Plan plan = plan();
    if (plan.runnable().isEmpty()) {
      return new BenchReport(
          rig.provenance("none (nothing ran)", "none (nothing ran)"),
          config,
          List.of(),
          plan.notRun(),
          rig.calibration());
    }
    TestbedOptions options = testbedOptions(config);
    if (options.processes() == ProcessLayout.IN_PROCESS) {
      openFilesWarning(config.maxConcurrency(), openFilesLimit()).ifPresent(progress::warn);
    }
    progress.phase("testbed", "starting PostgreSQL, Toxiproxy and the dog upstream");
    Testbed testbed = Testbed.start(options);
    try {
      return measure(testbed, plan);
    } finally {
      try {
        testbed.close();
      } catch (Exception | LinkageError e) {
        // A sweep's minutes of measurements must not be lost to a failing clean-up (seen: the
        // harness jar
        // rebuilt under the running JVM, so a class needed only at shutdown could not load).
        progress.warn("could not stop the testbed cleanly: " + e);
      }
    }
  }

  /**
   * The config's testbed, except for the scale scenario with an embedded or automatic backend: then
   * the proxy and the upstream run as processes of their own (each with its own open-files limit
   * and its own CPU account), and the proxy dials the upstream from one loopback address per
   * {@value #CONNECTIONS_PER_SOURCE_ADDRESS} connections. (The embedded proxy dials PostgreSQL from
   * the same addresses in turn, and PostgreSQL admits 127.0.0.1 only: with a second address, the
   * reactive variant's pool was refused at start-up. Past 10,000 connections the testbed must keep
   * the extra addresses to the upstream proxy first.)
   */
  static TestbedOptions testbedOptions(BenchConfig config) {
    TestbedOptions options = config.testbed();
    if (!(config.scenario() instanceof Scenario.Scale scale)
        || options.backend() == Backend.EXTERNAL) {
      return options;
    }
    int sources = Math.ceilDiv(scale.maxInFlight(), CONNECTIONS_PER_SOURCE_ADDRESS);
    return options
        .withProcesses(ProcessLayout.SEPARATE_PROCESSES)
        .withProxySourceAddresses(
            options.proxySourceAddresses().isEmpty()
                ? TestbedOptions.loopbackAddresses(sources)
                : options.proxySourceAddresses());
  }

  /**
   * Connections the proxy opens from one source address: a third of the ephemeral range, which
   * leaves the rest for connections in TIME_WAIT.
   */
  static final int CONNECTIONS_PER_SOURCE_ADDRESS = 10_000;

  /**
   * Runs every variant of the config against a testbed the caller started and will close. Its
   * latency is left at zero and its billing ledger is cleared before each run.
   */
  public BenchReport run(Testbed testbed) {
    return measure(testbed, plan());
  }

  /**
   * Open files this process may need for {@code connections} requests in flight: a socket per
   * load-client connection, and, with the embedded testbed in this JVM, the upstream proxy's two
   * per request and the dog upstream's one, plus the database proxy, the JDK's jars and slack.
   */
  static long openFilesNeeded(int connections) {
    return 4L * connections + 1_000;
  }

  /** The soft limit of open files of this process, or -1 when the platform does not say. */
  static long openFilesLimit() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : -1;
  }

  /**
   * A warning when the open-files limit is below what {@code connections} need; the {@code caas}
   * launcher raises the soft limit to the hard one ({@code ulimit -n}), and the JVM does the same
   * on Linux, so only a low hard limit is left to warn about.
   */
  static Optional<String> openFilesWarning(int connections, long limit) {
    long needed = openFilesNeeded(connections);
    if (limit < 0 || limit >= needed) {
      return Optional.empty();
    }
    return Optional.of(
        "this process may open "
            + limit
            + " files, and "
            + connections
            + " connections with the "
            + "embedded testbed need about "
            + needed
            + ": expect connection errors; raise the limit (ulimit -n, or "
            + "the hard limit in /etc/security/limits.conf) or lower --concurrency");
  }

  /** The variants whose jars exist, and the others with what to do about them. */
  private record Plan(List<Variant> runnable, List<NotRun> notRun) {}

  private Plan plan() {
    var runnable = new ArrayList<Variant>();
    var notRun = new ArrayList<NotRun>();
    for (Variant variant : config.variants()) {
      Path jar = jars.jarFor(variant);
      if (Files.isRegularFile(jar)) {
        runnable.add(variant);
      } else {
        NotRun missing = missingJar(variant, jar);
        progress.warn(
            (missing.skipped() ? "skipping " : "cannot run ")
                + variant.wireName()
                + ": "
                + missing.reason()
                + "; "
                + missing.hint());
        notRun.add(missing);
      }
    }
    return new Plan(runnable, notRun);
  }

  private BenchReport measure(Testbed testbed, Plan plan) {
    if (config.scenario() instanceof Scenario.Faults) {
      return new FaultBench(rig, config, progress).measure(testbed, plan.runnable(), plan.notRun());
    }
    var provenance = rig.provenance(testbed.backends().postgres(), testbed.backends().toxiproxy());
    OptionalLong postmaster = testbed.postgresPid();
    var runs = new ArrayList<RunResult>();
    var notRun = new ArrayList<>(plan.notRun());
    var failed = EnumSet.noneOf(Variant.class);
    for (RunOrder.Slot slot : RunOrder.interleaved(plan.runnable(), config.repeat())) {
      Variant variant = slot.variant();
      if (failed.contains(variant)) {
        continue;
      }
      try {
        runs.addAll(runOne(testbed, postmaster, slot, notRun));
      } catch (VariantProcess.StartFailedException e) {
        progress.warn(variant.wireName() + " FAILED: " + e.getMessage());
        notRun.add(new NotRun(variant, false, e.getMessage(), ""));
        failed.add(variant);
      } catch (Exception e) {
        progress.warn(variant.wireName() + " FAILED: " + e);
        notRun.add(new NotRun(variant, false, e.toString(), "see " + rig.logFile(variant)));
        failed.add(variant);
      }
    }
    return new BenchReport(provenance, config, runs, notRun, rig.calibration());
  }

  /**
   * One variant process: started, warmed up, measured at every point of the scenario, stopped. A
   * point the rig's budget refuses is added to {@code notRun} with its arithmetic and not run.
   */
  private List<RunResult> runOne(
      Testbed testbed, OptionalLong postmaster, RunOrder.Slot slot, List<NotRun> notRun)
      throws Exception {
    Variant variant = slot.variant();
    String name = variant.wireName() + (config.repeat() > 1 ? " #" + slot.repetition() : "");
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    progress.phase(
        name,
        "starting " + jars.jarFor(variant).getFileName() + " (log: " + rig.logFile(variant) + ")");
    try (var process = VariantProcess.start(rig.launch(testbed, variant), rig.logFile(variant))) {
      Limits limits = process.awaitReady(config.startupTimeout());
      List<ScenarioPoint> points = config.points();
      List<ScenarioPoint> fitting = fitting(testbed, variant, limits, points, name, notRun);
      if (fitting.isEmpty()) {
        return List.of();
      }
      int clients = fitting.stream().mapToInt(ScenarioPoint::concurrency).max().orElseThrow();
      try (var client = new RequestClient(process.baseUrl(), clients, config.requestTimeout());
          var meter = RunMeter.watching(process, testbed, postmaster, progress)) {
        Optional<ProbedMachine> machine = warmUp(client, name, clients);
        // The simple theory's "machine" bound: the probe with as many clients as the points have.
        double ceiling = machine.map(probed -> probed.throughputAt(clients)).orElse(Double.NaN);
        var runs = new ArrayList<RunResult>();
        for (ScenarioPoint point : fitting) {
          String label =
              points.size() > 1
                  ? name + " [" + (point.index() + 1) + "/" + points.size() + "]"
                  : name;
          RunResult run =
              measurePoint(
                  testbed,
                  process,
                  client,
                  meter,
                  limits,
                  ceiling,
                  point,
                  slot.repetition(),
                  label);
          runs.add(machine.map(run::withMachine).orElse(run));
        }
        progress.phase(name, "stopping");
        return runs;
      }
    }
  }

  /**
   * Sends the warm-up at no latency (JIT, pools, every client connection opened), then probes the
   * warmed-up variant ({@link #probeMachine}). Empty without a warm-up or a probe.
   */
  private Optional<ProbedMachine> warmUp(RequestClient client, String name, int clients) {
    if (config.warmupWorkload() == null) {
      return Optional.empty();
    }
    ClosedLoop warmup = new ClosedLoop(clients, Math.max(config.warmup(), clients));
    progress.phase(
        name,
        "warming up, "
            + warmup.requests()
            + " requests from "
            + warmup.clients()
            + " clients at no latency");
    warmup.run(client, DogPaths.ROOT, done -> {});
    return probeMachine(client, name, clients);
  }

  /**
   * From {@value #PROBE_FROM_CONNECTIONS} clients on, what the warmed-up variant serves with no
   * latency at all from 1, 2, 4, … clients up to as many as the points have: the queueing model's
   * machine station ({@link ProbedMachine}), and at the most clients the "machine" bound of the
   * simple theory. The warm-up itself cannot tell, its first requests run on a cold JIT. Empty when
   * not probed.
   */
  private Optional<ProbedMachine> probeMachine(RequestClient client, String name, int clients) {
    if (config.maxConcurrency() < PROBE_FROM_CONNECTIONS) {
      // A few clients ask far less than the machine serves: the probe would only lengthen the run
      // (a probe of 1, 2, 4, … clients takes seconds each), and the model's CPU demand is enough.
      return Optional.empty();
    }
    if (config.scenario() instanceof Scenario.Scale) {
      // Its latency keeps every point at half the machine's ceiling or less; probing it from 9,000
      // clients would take minutes.
      return Optional.empty();
    }
    // A burst has no steady state for the queueing model: the most clients alone give the simple
    // theory its machine bound.
    List<Integer> populations =
        config.scenario() instanceof Scenario.Overload
            ? List.of(clients)
            : ProbedMachine.populations(clients);
    var probes = new ArrayList<ProbedMachine.Point>();
    double lastThroughput = 0;
    for (int population : populations) {
      var probe = new ClosedLoop(population, probeRequests(population, lastThroughput));
      progress.phase(
          name,
          "probing the machine with no latency: "
              + population
              + (population == 1 ? " client, " : " clients, ")
              + probe.requests()
              + " requests");
      double throughput = SteadyThroughput.of(probe.run(client, DogPaths.ROOT, done -> {}));
      if (throughput > 0 && Double.isFinite(throughput)) {
        probes.add(new ProbedMachine.Point(population, throughput));
        lastThroughput = throughput;
      }
    }
    return probes.isEmpty() ? Optional.empty() : Optional.of(new ProbedMachine(probes));
  }

  /**
   * Requests of one probe: {@value #PROBE_REQUESTS_PER_CLIENT} per client, so that even the largest
   * population measures a steady middle half; enough for {@link #PROBE_LENGTH} at the previous
   * probe's throughput, so that a collection or a compilation is a small part of it (measured here:
   * probes of half a second dipped 40 % below their neighbours); and at least {@value
   * #PROBE_REQUESTS}.
   */
  static int probeRequests(int clients, double previousThroughput) {
    long forLength = Math.round(previousThroughput * PROBE_LENGTH.toNanos() / 1e9);
    return (int)
        Math.max(PROBE_REQUESTS, Math.max(PROBE_REQUESTS_PER_CLIENT * (long) clients, forLength));
  }

  /** How long one probe lasts at least, at the previous one's throughput. */
  static final Duration PROBE_LENGTH = Duration.ofSeconds(2);

  /** The fewest requests of one no-latency probe: enough for a middle half of a few hundred. */
  static final int PROBE_REQUESTS = 500;

  /** Requests per client of one no-latency probe. */
  static final int PROBE_REQUESTS_PER_CLIENT = 5;

  /** A run is probed only from this many connections on, whatever its scenario. */
  static final int PROBE_FROM_CONNECTIONS = 100;

  /**
   * The points whose requests in flight fit the rig, checked by {@link RigBudget} before any is run
   * (the warm-up opens as many connections as the largest point); the others go to {@code notRun}
   * with the arithmetic. Only the scale scenario is checked: the others' points are small.
   */
  private List<ScenarioPoint> fitting(
      Testbed testbed,
      Variant variant,
      Limits limits,
      List<ScenarioPoint> points,
      String name,
      List<NotRun> notRun) {
    if (!(config.scenario() instanceof Scenario.Scale)) {
      return points;
    }
    var fitting = new ArrayList<ScenarioPoint>();
    RigLimits machine = RigLimits.ofThisMachine();
    for (ScenarioPoint point : points) {
      int c = point.concurrency();
      int upstream = limits.httpConnections() == null ? c : Math.min(c, limits.httpConnections());
      int pool = limits.dbPool() == null ? 0 : limits.dbPool();
      RigBudget budget =
          RigBudget.check(new BudgetDemand(c, upstream, pool), testbed.layout(), machine);
      Optional<String> refusal = budget.refusal();
      if (refusal.isPresent()) {
        String reason = point.describe() + " refused before it started, " + refusal.get();
        progress.warn(name + ": " + reason);
        notRun.add(new NotRun(variant, true, reason, "lower the point or spread the rig"));
      } else {
        fitting.add(point);
      }
    }
    return fitting;
  }

  private RunResult measurePoint(
      Testbed testbed,
      VariantProcess process,
      RequestClient client,
      RunMeter meter,
      Limits limits,
      double ceiling,
      ScenarioPoint point,
      int repetition,
      String label) {
    Variant variant = process.variant();
    RunMeter.Window window = meter.window(point, config.scenario() instanceof Scenario.Scale);
    BenchRig.Measured measured = rig.measure(testbed, client, point, label, window);
    List<Sample> samples = measured.samples();
    BillingCheck billing = rig.reconcile(testbed, process, label, measured.all());
    Theory theory = Theory.predict(variant, point.latency(), point.workload(), limits, ceiling);
    RunResult run =
        RunResult.of(
            variant, limits, samples, theory, billing, point, repetition, measured.started());
    return window.costs().map(run::withCosts).orElse(run);
  }

  private NotRun missingJar(Variant variant, Path jar) {
    String reason = "no jar at " + jar;
    String hint =
        jars.projectRoot()
            ? "build it with: " + jars.buildCommand(variant) + " (in " + jars.folder() + ")"
            : "put " + jar.getFileName() + " in " + jars.folder();
    return new NotRun(variant, !config.requireJars(), reason, hint);
  }
}
