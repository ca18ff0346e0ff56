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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Bench} measures, and how. Build one with {@link #builder()}; every field has the
 * talk's default (90 requests, 10 clients, 100 ms on both dependencies).
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchConfig.builder()
 *     .variants(Variant.SYNC_SEQUENTIAL, Variant.SYNC_GATHERED)
 *     .requests(30)
 *     .latency(Duration.ofMillis(50))
 *     .build());
 * }</pre>
 *
 * <p>A {@link Scenario} other than the talk turns the config into several {@link ScenarioPoint}s
 * ({@link #points()}); each variant process is started once per repetition and measured at every
 * point.
 *
 * @param variants the variants to run, in this order
 * @param requireJars {@code true}: a variant whose jar is missing fails the bench; {@code false}
 *     (the default, as for {@code --variant all}): it is skipped, and the report says so and how to
 *     build it
 * @param requests measured requests per variant
 * @param concurrency closed loop: clients; open loop: most connections in flight
 * @param ratePerSecond {@code null} for a closed loop, else an open loop's arrival rate
 * @param upstreamLatency injected on the {@code upstream} proxy during the measured phase
 * @param dbLatency injected on the {@code postgres} proxy during the measured phase
 * @param upstreamJitter ± on the {@code upstream} proxy; {@link Duration#ZERO} for none
 * @param dbJitter ± on the {@code postgres} proxy
 * @param warmup requests before measuring, at no latency; at least one per connection is sent (so
 *     every connection is open before measuring) unless this is 0
 * @param jars a project root or a folder of variant jars; {@code null}: find the project root
 * @param java the {@code java} launcher for the variants; {@code null}: the one running the harness
 * @param jvmArgs extra JVM options for the variants
 * @param dbPool passed to the variants, {@code null} for their default
 * @param serverThreads passed to the variants, {@code null} for their default
 * @param queue passed to the variants ({@code --queue}: requests that may wait for a busy bounded
 *     pool before the next is refused with a 503), {@code null} for their default
 * @param deadline passed to the variants; {@code null}: the scenario's ({@link #deadline()}), which
 *     for most is the variants' own
 * @param startupTimeout how long a variant may take to report ready
 * @param requestTimeout a request with no answer by then is an error; {@code null}: three times the
 *     slowest theory plus a minute ({@link #requestTimeout()})
 * @param testbed where PostgreSQL and Toxiproxy come from (embedded, containers, external)
 * @param scenario what the bench varies
 * @param flavour where a sweep injects its latency; {@code null}: the scenario's default (upstream
 *     only for the concurrency sweep, both proxies for the latency sweep)
 * @param latencies the latency sweep's values
 * @param concurrencies the concurrency sweep's client counts
 * @param requestsPerClient a concurrency sweep sends at least this many requests per client at each
 *     point, so that even a thousand clients reach a steady state
 * @param repeat how many times each variant is measured, interleaved: v1 v2 v3 v1 v2 v3 …
 * @param faults the faults of the {@link Scenario#FAULTS} scenario, in order; empty for the others
 */
public record BenchConfig(
    List<Variant> variants,
    boolean requireJars,
    int requests,
    int concurrency,
    Double ratePerSecond,
    Duration upstreamLatency,
    Duration dbLatency,
    Duration upstreamJitter,
    Duration dbJitter,
    int warmup,
    Path jars,
    Path java,
    List<String> jvmArgs,
    Integer dbPool,
    Integer serverThreads,
    Integer queue,
    Duration deadline,
    Duration startupTimeout,
    Duration requestTimeout,
    TestbedOptions testbed,
    Scenario scenario,
    Scenario.Flavour flavour,
    List<Duration> latencies,
    List<Integer> concurrencies,
    int requestsPerClient,
    int repeat,
    List<Fault> faults) {

  /** The latency sweep's values when none are given. */
  public static final List<Duration> DEFAULT_LATENCIES =
      List.of(0, 10, 50, 100, 200).stream().map(Duration::ofMillis).toList();

  /** The concurrency sweep's client counts when none are given. */
  public static final List<Integer> DEFAULT_CONCURRENCIES = List.of(1, 10, 50, 100, 200, 500, 1000);

  public BenchConfig {
    variants = List.copyOf(variants);
    jvmArgs = List.copyOf(jvmArgs);
    latencies = List.copyOf(latencies);
    concurrencies = List.copyOf(concurrencies);
    faults = List.copyOf(faults);
    Objects.requireNonNull(upstreamLatency, "upstreamLatency");
    Objects.requireNonNull(dbLatency, "dbLatency");
    Objects.requireNonNull(upstreamJitter, "upstreamJitter");
    Objects.requireNonNull(dbJitter, "dbJitter");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(testbed, "testbed");
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("no variant to run");
    }
    if (requests < 1 || concurrency < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "requests and concurrency must be at least 1, warm-up at least 0");
    }
    if (ratePerSecond != null && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("the rate must be positive");
    }
    if (repeat < 1 || requestsPerClient < 0) {
      throw new IllegalArgumentException(
          "--repeat must be at least 1, requests per client at least 0");
    }
    if (latencies.isEmpty() || latencies.stream().anyMatch(Duration::isNegative)) {
      throw new IllegalArgumentException(
          "the latency list needs at least one latency, none negative");
    }
    if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException(
          "the concurrency list needs at least one count, each at least 1");
    }
    if (scenario == Scenario.CONCURRENCY_SWEEP && ratePerSecond != null) {
      throw new IllegalArgumentException("a concurrency sweep is a closed loop: drop --rate");
    }
    if ((scenario == Scenario.FAULTS) != !faults.isEmpty()) {
      throw new IllegalArgumentException(
          scenario == Scenario.FAULTS
              ? "the faults scenario needs at least one fault"
              : "faults go with the faults scenario only");
    }
    if (scenario == Scenario.FAULTS && (ratePerSecond != null || repeat > 1)) {
      throw new IllegalArgumentException(
          "a fault run is one closed loop per variant and fault: drop --rate and --repeat");
    }
    if (queue != null && queue < 0) {
      throw new IllegalArgumentException("--queue must be at least 0");
    }
    if (deadline != null && !deadline.isPositive()) {
      throw new IllegalArgumentException("--deadline must be positive");
    }
  }

  /**
   * The deadline the variants are started with: the one given, else the scenario's ({@code null}:
   * theirs).
   */
  @Override
  public Duration deadline() {
    return deadline != null ? deadline : scenario.defaults().deadline();
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
    return new FaultPhases(concurrency, phase);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The talk's load model: closed loop of {@code concurrency} clients, or open loop at the rate.
   */
  public Workload workload() {
    return workload(concurrency, requests);
  }

  private Workload workload(int clients, int count) {
    return ratePerSecond == null
        ? new ClosedLoop(clients, count)
        : new OpenLoop(ratePerSecond, count, clients);
  }

  /** The talk's latency toxics. */
  public InjectedLatency latency() {
    return new InjectedLatency(upstreamLatency, upstreamJitter, dbLatency, dbJitter);
  }

  /** Where a sweep injects its latency: the given flavour, or the scenario's default. */
  @Override
  public Scenario.Flavour flavour() {
    if (flavour != null) {
      return flavour;
    }
    return scenario == Scenario.CONCURRENCY_SWEEP
        ? Scenario.Flavour.UPSTREAM_ONLY
        : Scenario.Flavour.BOTH;
  }

  /**
   * The settings the scenario measures, in order: the talk's one point; a latency sweep's latencies
   * with the talk's load; a concurrency sweep's client counts at the talk's latency, each with at
   * least {@code requestsPerClient} requests per client.
   */
  public List<ScenarioPoint> points() {
    var points = new ArrayList<ScenarioPoint>();
    switch (scenario) {
      case TALK, OVERLOAD, FAULTS -> points.add(new ScenarioPoint(0, latency(), workload()));
      case LATENCY_SWEEP -> {
        for (Duration l : latencies) {
          Duration postgres = flavour() == Scenario.Flavour.BOTH ? l : Duration.ZERO;
          Duration postgresJitter = flavour() == Scenario.Flavour.BOTH ? dbJitter : Duration.ZERO;
          points.add(
              new ScenarioPoint(
                  points.size(),
                  new InjectedLatency(l, upstreamJitter, postgres, postgresJitter),
                  workload()));
        }
      }
      case CONCURRENCY_SWEEP -> {
        boolean both = flavour() == Scenario.Flavour.BOTH;
        var sweepLatency =
            new InjectedLatency(
                upstreamLatency,
                upstreamJitter,
                both ? dbLatency : Duration.ZERO,
                both ? dbJitter : Duration.ZERO);
        for (int clients : concurrencies) {
          int count = Math.max(requests, requestsPerClient * clients);
          points.add(new ScenarioPoint(points.size(), sweepLatency, workload(clients, count)));
        }
      }
    }
    return points;
  }

  /**
   * The most connections any point keeps in flight: the client pool and the warm-up are sized to
   * it.
   */
  public int maxConcurrency() {
    return points().stream().mapToInt(ScenarioPoint::concurrency).max().orElse(concurrency);
  }

  /**
   * The warm-up: a closed loop with as many clients as the busiest point, at least one request per
   * connection; {@code null} when there is none.
   */
  public ClosedLoop warmupWorkload() {
    int clients = maxConcurrency();
    return warmup == 0 ? null : new ClosedLoop(clients, Math.max(warmup, clients));
  }

  /** The request timeout given, or three times the slowest possible theory plus a minute. */
  @Override
  public Duration requestTimeout() {
    if (requestTimeout != null) {
      return requestTimeout;
    }
    if (scenario == Scenario.FAULTS) {
      // A variant that ignores its deadline shows as a timeout a few seconds later, not as a
      // minute's hang.
      return deadline().multipliedBy(2).plusSeconds(5);
    }
    Duration slowest = Duration.ZERO;
    for (ScenarioPoint point : points()) {
      InjectedLatency l = point.latency();
      Duration t =
          l.upstream()
              .plus(l.upstreamJitter())
              .plus(l.postgres().plus(l.postgresJitter()).multipliedBy(2));
      slowest = t.compareTo(slowest) > 0 ? t : slowest;
    }
    return slowest.multipliedBy(3).plusMinutes(1);
  }

  /**
   * Every setter returns the builder. What is not set, or set to {@code null}, is the scenario's
   * default ({@link Scenario.Defaults}), whichever order the setters are called in: {@code
   * scenario(OVERLOAD)} alone gives 2,000 clients at 200 ms with a pool of 100, the command line's
   * {@code --scenario overload} the same.
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
    private TestbedOptions testbed = TestbedOptions.auto();
    private Scenario scenario = Scenario.TALK;
    private Scenario.Flavour flavour;
    private List<Duration> latencies = DEFAULT_LATENCIES;
    private List<Integer> concurrencies = DEFAULT_CONCURRENCIES;
    private int requestsPerClient = 3;
    private int repeat = 1;
    private List<Fault> faults = List.of();

    private Builder() {}

    /**
     * The faults scenario with these faults (the talk for none), with the faults' defaults for what
     * is not set: 4 clients, 20 ms on both proxies, a 1 s deadline, 100 warm-up requests.
     */
    public Builder faults(List<Fault> faults) {
      this.faults = faults;
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

    /** {@code null}: the scenario's default. */
    public Builder flavour(Scenario.Flavour flavour) {
      this.flavour = flavour;
      return this;
    }

    public Builder latencies(List<Duration> latencies) {
      this.latencies = latencies;
      return this;
    }

    public Builder concurrencies(List<Integer> concurrencies) {
      this.concurrencies = concurrencies;
      return this;
    }

    public Builder requestsPerClient(int requestsPerClient) {
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

    public BenchConfig build() {
      Scenario.Defaults defaults = scenario.defaults();
      int clients = concurrency != null ? concurrency : defaults.clients();
      return new BenchConfig(
          variants,
          requireJars,
          requests != null ? requests : defaults.requests(clients),
          clients,
          ratePerSecond,
          upstreamLatency != null ? upstreamLatency : defaults.latency(),
          dbLatency != null ? dbLatency : defaults.latency(),
          upstreamJitter,
          dbJitter,
          warmup != null ? warmup : defaults.warmup(),
          jars,
          java,
          jvmArgs,
          dbPool != null ? dbPool : defaults.dbPool(),
          serverThreads,
          queue,
          deadline,
          startupTimeout,
          requestTimeout,
          testbed,
          scenario,
          flavour,
          latencies,
          concurrencies,
          requestsPerClient,
          repeat,
          faults);
    }
  }
}
