package dev.caas.harness.bench;

import dev.caas.contract.Variant;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.load.Workload;
import dev.caas.testbed.Fault;
import dev.caas.testbed.TestbedOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Bench} measures, and how. Build one with {@link #builder()}; what is not set is the
 * scenario's default (for the talk: 90 requests, 10 clients, 100 ms on both dependencies).
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchConfig.builder()
 *     .variants(Variant.SYNC_SEQUENTIAL, Variant.SYNC_GATHERED)
 *     .requests(30)
 *     .latency(Duration.ofMillis(50))
 *     .build());
 * }</pre>
 *
 * <p>The {@link Scenario} turns the load and the latency into one or several {@link ScenarioPoint}s
 * ({@link #points()}); each variant process is started once per repetition and measured at every
 * point.
 *
 * @param variants the variants to run, in this order
 * @param requireJars {@code true}: a variant whose jar is missing fails the bench; {@code false}
 *     (the default, as for {@code --variant all}): it is skipped, and the report says so and how to
 *     build it
 * @param load how many requests, from how many clients, after how long a warm-up
 * @param latency injected on the proxies during the measured phase (a sweep varies it)
 * @param variantSettings how the variants are started, handed straight to the launch
 * @param testbed where PostgreSQL and Toxiproxy come from (embedded, containers, external)
 * @param scenario what the bench varies, with the settings only it has
 * @param repeat how many times each variant is measured, interleaved: v1 v2 v3 v1 v2 v3 …
 * @param timeouts how long a variant may take to start, and a request to be answered
 * @param cpuDemand the queueing model's CPU per request, every process counted ({@code
 *     --cpu-demand}); {@code null}: each model's estimate (see {@code CpuDemand})
 */
public record BenchConfig(
    List<Variant> variants,
    boolean requireJars,
    LoadSettings load,
    InjectedLatency latency,
    VariantSettings variantSettings,
    TestbedOptions testbed,
    Scenario scenario,
    int repeat,
    Timeouts timeouts,
    Duration cpuDemand) {

  public BenchConfig {
    variants = List.copyOf(variants);
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(variantSettings, "variantSettings");
    Objects.requireNonNull(testbed, "testbed");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(timeouts, "timeouts");
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("no variant to run");
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    scenario.check(load, repeat);
    if (cpuDemand != null && cpuDemand.isNegative()) {
      throw new IllegalArgumentException("--cpu-demand cannot be negative");
    }
  }

  /**
   * The talk's load.
   *
   * @param requests measured requests per variant (a concurrency sweep sends more at large C)
   * @param concurrency closed loop: clients; open loop: most connections in flight
   * @param ratePerSecond {@code null} for a closed loop, else an open loop's arrival rate
   * @param warmup requests before measuring, at no latency; at least one per connection is sent (so
   *     every connection is open before measuring) unless this is 0
   */
  public record LoadSettings(int requests, int concurrency, Double ratePerSecond, int warmup) {
    public LoadSettings {
      if (requests < 1 || concurrency < 1 || warmup < 0) {
        throw new IllegalArgumentException(
            "requests and concurrency must be at least 1, warm-up at least 0");
      }
      if (ratePerSecond != null && !(ratePerSecond > 0)) {
        throw new IllegalArgumentException("the rate must be positive");
      }
    }

    /** A closed loop of {@code concurrency} clients, or an open loop at the rate. */
    public Workload workload() {
      return ratePerSecond == null
          ? new ClosedLoop(concurrency, requests)
          : new OpenLoop(ratePerSecond, requests, concurrency);
    }
  }

  /**
   * How the variants are started; each {@code null} is the variants' own default.
   *
   * @param jars a project root or a folder of variant jars; {@code null}: find the project root
   * @param java the {@code java} launcher for the variants; {@code null}: the one running the
   *     harness
   * @param jvmArgs extra JVM options for the variants
   * @param dbPool database connections
   * @param serverThreads request threads, for bounded-pool variants
   * @param queue requests that may wait for a busy bounded pool before the next is refused with a
   *     503
   * @param deadline how long a variant lets one request take before it answers 504
   */
  public record VariantSettings(
      Path jars,
      Path java,
      List<String> jvmArgs,
      Integer dbPool,
      Integer serverThreads,
      Integer queue,
      Duration deadline) {
    public VariantSettings {
      jvmArgs = List.copyOf(jvmArgs);
      if (queue != null && queue < 0) {
        throw new IllegalArgumentException("--queue must be at least 0");
      }
      if (deadline != null && !deadline.isPositive()) {
        throw new IllegalArgumentException("--deadline must be positive");
      }
    }
  }

  /**
   * @param startup how long a variant may take to report ready
   * @param request a request with no answer by then is an error; {@code null}: the scenario's
   *     ({@link Scenario#requestTimeout})
   */
  public record Timeouts(Duration startup, Duration request) {
    public Timeouts {
      Objects.requireNonNull(startup, "startup");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The settings the scenario measures, in order. */
  public List<ScenarioPoint> points() {
    return scenario.points(load, latency);
  }

  /**
   * The talk's load model: closed loop of {@code concurrency} clients, or open loop at the rate.
   */
  public Workload workload() {
    return load.workload();
  }

  /**
   * The most connections any point keeps in flight: the client pool and the warm-up are sized to
   * it.
   */
  public int maxConcurrency() {
    return points().stream().mapToInt(ScenarioPoint::concurrency).max().orElse(concurrency());
  }

  /**
   * The warm-up: a closed loop with as many clients as the busiest point, at least one request per
   * connection; {@code null} when there is none.
   */
  public ClosedLoop warmupWorkload() {
    int clients = maxConcurrency();
    return warmup() == 0 ? null : new ClosedLoop(clients, Math.max(warmup(), clients));
  }

  /**
   * A fault run's load: the clients for three equal phases, before, during and after the fault,
   * each at least 1.2 s and at least the deadline plus 200 ms, so that requests started while the
   * fault lasts reach their deadline before it is healed.
   */
  public FaultPhases faultLoad() {
    Duration phase = (deadline() != null ? deadline() : Duration.ofSeconds(60)).plusMillis(200);
    if (phase.compareTo(Duration.ofMillis(1200)) < 0) {
      phase = Duration.ofMillis(1200);
    }
    return new FaultPhases(concurrency(), phase);
  }

  /** The request timeout given, or the scenario's. */
  public Duration requestTimeout() {
    return timeouts.request() != null
        ? timeouts.request()
        : scenario.requestTimeout(deadline(), points());
  }

  /** Where a sweep injects its latency: the sweep's flavour; both proxies for the others. */
  public Scenario.Flavour flavour() {
    return scenario.flavour();
  }

  /** The faults scenario's faults, in order; empty for the others. */
  public List<Fault> faults() {
    return scenario instanceof Scenario.Faults f ? f.faults() : List.of();
  }

  // The settings by name, as the rest of the harness and the workshop checker read them.

  public int requests() {
    return load.requests();
  }

  public int concurrency() {
    return load.concurrency();
  }

  public Double ratePerSecond() {
    return load.ratePerSecond();
  }

  public int warmup() {
    return load.warmup();
  }

  public Duration upstreamLatency() {
    return latency.upstream();
  }

  public Duration dbLatency() {
    return latency.postgres();
  }

  public Duration upstreamJitter() {
    return latency.upstreamJitter();
  }

  public Duration dbJitter() {
    return latency.postgresJitter();
  }

  public Path jars() {
    return variantSettings.jars();
  }

  public Path java() {
    return variantSettings.java();
  }

  public List<String> jvmArgs() {
    return variantSettings.jvmArgs();
  }

  public Integer dbPool() {
    return variantSettings.dbPool();
  }

  public Integer serverThreads() {
    return variantSettings.serverThreads();
  }

  public Integer queue() {
    return variantSettings.queue();
  }

  /** The deadline the variants are started with ({@code null}: theirs). */
  public Duration deadline() {
    return variantSettings.deadline();
  }

  public Duration startupTimeout() {
    return timeouts.startup();
  }

  /**
   * Every setter returns the builder. What is not set, or set to {@code null}, is the scenario's
   * default ({@link Scenario.Defaults}, or the scenario record's own settings), whichever order the
   * setters are called in: {@code scenario(OVERLOAD)} alone gives 2,000 clients at 200 ms with a
   * pool of 100, the command line's {@code --scenario overload} the same.
   */
  public static final class Builder {
    private List<Variant> variants = List.of(Variant.values());
    private boolean requireJars;
    private Integer requests;
    private Integer concurrency;
    private Double ratePerSecond;
    private Duration upstreamLatency;
    private Duration dbLatency;
    private Duration upstreamJitter = Duration.ZERO;
    private Duration dbJitter = Duration.ZERO;
    private Integer warmup;
    private Path jars;
    private Path java;
    private List<String> jvmArgs = List.of();
    private Integer dbPool;
    private Integer serverThreads;
    private Integer queue;
    private Duration deadline;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout;
    private Duration cpuDemand;
    private TestbedOptions testbed = TestbedOptions.auto();
    private Scenario scenario = Scenario.TALK;
    private Scenario.Flavour flavour;
    private List<Duration> latencies;
    private List<Integer> concurrencies;
    private Integer requestsPerClient;
    private int repeat = 1;
    private List<Fault> faults;

    private Builder() {}

    /**
     * The faults scenario with these faults (the talk for none), with the faults' defaults for what
     * is not set: 4 clients, 20 ms on both proxies, a 1 s deadline, 100 warm-up requests.
     */
    public Builder faults(List<Fault> faults) {
      this.faults = faults.isEmpty() ? null : faults;
      this.scenario = faults.isEmpty() ? Scenario.TALK : Scenario.FAULTS;
      return this;
    }

    public Builder faults(Fault... faults) {
      return faults(Arrays.asList(faults));
    }

    /**
     * Where PostgreSQL and Toxiproxy come from; default: containers where Docker answers, else
     * embedded.
     */
    public Builder testbed(TestbedOptions testbed) {
      this.testbed = testbed;
      return this;
    }

    public Builder variants(List<Variant> variants) {
      this.variants = variants;
      return this;
    }

    public Builder variants(Variant... variants) {
      return variants(Arrays.asList(variants));
    }

    public Builder requireJars(boolean requireJars) {
      this.requireJars = requireJars;
      return this;
    }

    /** {@code null}: the scenario's, at least one per client. */
    public Builder requests(Integer requests) {
      this.requests = requests;
      return this;
    }

    /** {@code null}: the scenario's. */
    public Builder concurrency(Integer concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Switches to an open loop at this many requests per second; {@code null} for a closed loop.
     */
    public Builder ratePerSecond(Double ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
      return this;
    }

    /** The same latency on both proxies; {@code null}: the scenario's. */
    public Builder latency(Duration latency) {
      this.upstreamLatency = latency;
      this.dbLatency = latency;
      return this;
    }

    public Builder upstreamLatency(Duration upstreamLatency) {
      this.upstreamLatency = upstreamLatency;
      return this;
    }

    public Builder dbLatency(Duration dbLatency) {
      this.dbLatency = dbLatency;
      return this;
    }

    /** The same jitter on both proxies. */
    public Builder jitter(Duration jitter) {
      this.upstreamJitter = jitter;
      this.dbJitter = jitter;
      return this;
    }

    public Builder upstreamJitter(Duration upstreamJitter) {
      this.upstreamJitter = upstreamJitter;
      return this;
    }

    public Builder dbJitter(Duration dbJitter) {
      this.dbJitter = dbJitter;
      return this;
    }

    public Builder scenario(Scenario scenario) {
      this.scenario = scenario;
      return this;
    }

    /** A sweep's flavour; {@code null}: the sweep's default. */
    public Builder flavour(Scenario.Flavour flavour) {
      this.flavour = flavour;
      return this;
    }

    /** The latency sweep's latencies; {@code null}: its default. */
    public Builder latencies(List<Duration> latencies) {
      this.latencies = latencies;
      return this;
    }

    /** The concurrency sweep's client counts; {@code null}: its default. */
    public Builder concurrencies(List<Integer> concurrencies) {
      this.concurrencies = concurrencies;
      return this;
    }

    /** The concurrency sweep's least requests per client; {@code null}: its default. */
    public Builder requestsPerClient(Integer requestsPerClient) {
      this.requestsPerClient = requestsPerClient;
      return this;
    }

    public Builder repeat(int repeat) {
      this.repeat = repeat;
      return this;
    }

    /** {@code null}: the scenario's. */
    public Builder warmup(Integer warmup) {
      this.warmup = warmup;
      return this;
    }

    public Builder jars(Path jars) {
      this.jars = jars;
      return this;
    }

    public Builder java(Path java) {
      this.java = java;
      return this;
    }

    public Builder jvmArgs(List<String> jvmArgs) {
      this.jvmArgs = jvmArgs;
      return this;
    }

    /** {@code null}: the scenario's, which for most is the variants' own. */
    public Builder dbPool(Integer dbPool) {
      this.dbPool = dbPool;
      return this;
    }

    public Builder serverThreads(Integer serverThreads) {
      this.serverThreads = serverThreads;
      return this;
    }

    public Builder queue(Integer queue) {
      this.queue = queue;
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder cpuDemand(Duration cpuDemand) {
      this.cpuDemand = cpuDemand;
      return this;
    }

    public BenchConfig build() {
      Scenario chosen = withSettings(scenario);
      Scenario.Defaults defaults = chosen.defaults();
      int clients = concurrency != null ? concurrency : defaults.clients();
      return new BenchConfig(
          variants,
          requireJars,
          new LoadSettings(
              requests != null ? requests : defaults.requests(clients),
              clients,
              ratePerSecond,
              warmup != null ? warmup : defaults.warmup()),
          new InjectedLatency(
              upstreamLatency != null ? upstreamLatency : defaults.latency(),
              upstreamJitter,
              dbLatency != null ? dbLatency : defaults.latency(),
              dbJitter),
          new VariantSettings(
              jars,
              java,
              jvmArgs,
              dbPool != null ? dbPool : defaults.dbPool(),
              serverThreads,
              queue,
              deadline != null ? deadline : defaults.deadline()),
          testbed,
          chosen,
          repeat,
          new Timeouts(startupTimeout, requestTimeout),
          cpuDemand);
    }

    /** The scenario with the sweep or fault settings that were set in place of its own. */
    private Scenario withSettings(Scenario scenario) {
      return switch (scenario) {
        case Scenario.LatencySweep sweep ->
            new Scenario.LatencySweep(
                Objects.requireNonNullElse(latencies, sweep.latencies()),
                Objects.requireNonNullElse(flavour, sweep.flavour()));
        case Scenario.ConcurrencySweep sweep ->
            new Scenario.ConcurrencySweep(
                Objects.requireNonNullElse(concurrencies, sweep.clients()),
                Objects.requireNonNullElse(flavour, sweep.flavour()),
                Objects.requireNonNullElse(requestsPerClient, sweep.requestsPerClient()));
        case Scenario.Faults own ->
            new Scenario.Faults(Objects.requireNonNullElse(faults, own.faults()));
        case Scenario.Scale scale ->
            new Scenario.Scale(
                Objects.requireNonNullElse(concurrencies, scale.inFlight()),
                scale.machineCeilingRps(),
                upstreamLatency != null ? upstreamLatency : scale.upstreamLatency());
        case Scenario.Talk talk -> talk;
        case Scenario.Overload overload -> overload;
      };
    }
  }
}
