package dev.caas.harness.bench;

import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.theory.Theory;
import dev.caas.testbed.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a bench varies, and so what its report draws. Each scenario is a record with the settings
 * only it has, and owns two decisions: its {@link Defaults} (what the options not given mean) and
 * its {@link #points} (the settings it measures, in order).
 *
 * <ul>
 *   <li>{@link Talk}: one point, the talk's load test (by default 90 requests from 10 clients, 100
 *       ms on both proxies).
 *   <li>{@link LatencySweep}: the same load at several latencies; T grows with L, and a sequential
 *       variant grows twice as fast with the database's latency as a gathered one.
 *   <li>{@link ConcurrencySweep}: the same latency with more and more clients; throughput grows as
 *       C / T until a resource runs out, then stays flat while latency grows as C / X (see {@link
 *       Theory}).
 *   <li>{@link Overload}: the talk's single point with 2,000 clients sending one request each at
 *       200 ms on both proxies, and a database pool of 100: far more requests at once than any
 *       pool, so it shows who queues them (Loom, reactive: every request waits its turn, none
 *       fails) and who refuses them (sync: its bounded queue answers 503 at once).
 *   <li>{@link Faults}: for each variant and each {@link Fault}, a short closed loop with the fault
 *       injected at a third of the run and healed at two thirds; then pools must be idle, the next
 *       request a 200 and the books balanced (see {@link FaultRun}).
 *   <li>{@link Scale}: thousands of requests waiting at once, on a latency long enough that the
 *       machine is never the limit: what each waiting request costs (memory, threads, CPU), and how
 *       many can wait before something gives.
 * </ul>
 */
public sealed interface Scenario {

  /** The talk with its defaults. */
  Talk TALK = new Talk();

  /** L = 0, 10, 50, 100, 200 ms on both proxies. */
  LatencySweep LATENCY_SWEEP =
      new LatencySweep(
          List.of(0, 10, 50, 100, 200).stream().map(Duration::ofMillis).toList(), Flavour.BOTH);

  /**
   * C = 1 … 1,000 clients, latency on the upstream only, at least 10 requests per client (a window
   * of seconds at every saturated point, not a fraction of one).
   */
  ConcurrencySweep CONCURRENCY_SWEEP =
      new ConcurrencySweep(List.of(1, 10, 50, 100, 200, 500, 1000), Flavour.UPSTREAM_ONLY, 10);

  /** 2,000 clients at once. */
  Overload OVERLOAD = new Overload();

  /** Every fault of the catalogue. */
  Faults FAULTS = new Faults(List.of(Fault.values()));

  /** 500 … 9,000 requests in flight, on an upstream latency the machine ceiling allows. */
  Scale SCALE =
      new Scale(List.of(500, 1_000, 2_000, 5_000, 9_000), Scale.MACHINE_CEILING_RPS, null);

  /** Every scenario with its defaults, in the order the help names them. */
  static List<Scenario> all() {
    return List.of(TALK, LATENCY_SWEEP, CONCURRENCY_SWEEP, OVERLOAD, FAULTS, SCALE);
  }

  /** What the options not given mean under this scenario. */
  Defaults defaults();

  /**
   * {@code talk}, {@code latency-sweep}, {@code concurrency-sweep}, {@code overload}, {@code
   * faults}, {@code scale}.
   */
  String wireName();

  /**
   * The settings the scenario measures, in order, from the configured {@code load} and {@code
   * latency}: the talk's one point unless the scenario varies something.
   */
  default List<ScenarioPoint> points(BenchConfig.LoadSettings load, InjectedLatency latency) {
    return List.of(new ScenarioPoint(0, latency, load.workload()));
  }

  /** Where a sweep injects its latency; both proxies for every other scenario. */
  default Flavour flavour() {
    return Flavour.BOTH;
  }

  /**
   * A request with no answer by then is an error, when no timeout is given: three times the slowest
   * point's theory plus a minute.
   */
  default Duration requestTimeout(Duration deadline, List<ScenarioPoint> points) {
    Duration slowest = Duration.ZERO;
    for (ScenarioPoint point : points) {
      InjectedLatency l = point.latency();
      Duration t =
          l.upstream()
              .plus(l.upstreamJitter())
              .plus(l.postgres().plus(l.postgresJitter()).multipliedBy(2));
      slowest = t.compareTo(slowest) > 0 ? t : slowest;
    }
    return slowest.multipliedBy(3).plusMinutes(1);
  }

  /** Throws when the load or the repetitions do not fit this scenario. */
  default void check(BenchConfig.LoadSettings load, int repeat) {}

  /** The scenario named {@code text}, with its defaults. */
  static Scenario parse(String text) {
    return all().stream()
        .filter(s -> s.wireName().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + text
                        + "': expected one of "
                        + all().stream()
                            .map(Scenario::wireName)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * What a scenario assumes for the options not given on the command line.
   *
   * @param clients closed-loop clients
   * @param latency on both proxies
   * @param warmup requests before measuring
   * @param dbPool the variants' database pool; {@code null}: their own default
   * @param deadline the variants' request deadline; {@code null}: their own default
   */
  record Defaults(int clients, Duration latency, int warmup, Integer dbPool, Duration deadline) {
    static final Defaults TALK = new Defaults(10, Duration.ofMillis(100), 300, null, null);

    /** These defaults with another warm-up. */
    Defaults withWarmup(int requests) {
      return new Defaults(clients, latency, requests, dbPool, deadline);
    }

    /** The talk's 90 requests, or one per client when there are more clients than that. */
    public int requests(int clients) {
      return Math.max(90, clients);
    }
  }

  /** The talk's load test: one point. */
  record Talk() implements Scenario {
    @Override
    public Defaults defaults() {
      return Defaults.TALK;
    }

    @Override
    public String wireName() {
      return "talk";
    }
  }

  /**
   * The talk's load at each of {@code latencies}.
   *
   * @param flavour {@code null}: both proxies
   */
  record LatencySweep(List<Duration> latencies, Flavour flavour) implements Scenario {
    public LatencySweep {
      latencies = List.copyOf(latencies);
      flavour = Objects.requireNonNullElse(flavour, Flavour.BOTH);
      if (latencies.isEmpty() || latencies.stream().anyMatch(Duration::isNegative)) {
        throw new IllegalArgumentException(
            "the latency list needs at least one latency, none negative");
      }
    }

    @Override
    public Defaults defaults() {
      return Defaults.TALK;
    }

    @Override
    public String wireName() {
      return "latency-sweep";
    }

    /** Each latency on the upstream, and on PostgreSQL too when the flavour is both. */
    @Override
    public List<ScenarioPoint> points(BenchConfig.LoadSettings load, InjectedLatency latency) {
      boolean both = flavour == Flavour.BOTH;
      var points = new ArrayList<ScenarioPoint>();
      for (Duration l : latencies) {
        points.add(
            new ScenarioPoint(
                points.size(),
                new InjectedLatency(
                    l,
                    latency.upstreamJitter(),
                    both ? l : Duration.ZERO,
                    both ? latency.postgresJitter() : Duration.ZERO),
                load.workload()));
      }
      return points;
    }
  }

  /**
   * The configured latency with each of {@code clients} closed-loop clients.
   *
   * @param flavour {@code null}: the upstream only
   * @param requestsPerClient each point sends at least this many requests per client, so that even
   *     a thousand clients reach a steady state
   */
  record ConcurrencySweep(List<Integer> clients, Flavour flavour, int requestsPerClient)
      implements Scenario {
    public ConcurrencySweep {
      clients = List.copyOf(clients);
      flavour = Objects.requireNonNullElse(flavour, Flavour.UPSTREAM_ONLY);
      if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
        throw new IllegalArgumentException(
            "the concurrency list needs at least one count, each at least 1");
      }
      if (requestsPerClient < 0) {
        throw new IllegalArgumentException("requests per client must be at least 0");
      }
    }

    /**
     * The talk's, with a warm-up long enough for the JIT to settle: its points are compared with a
     * model whose CPU demand per request is one number. After 300 requests of warm-up the compilers
     * still took 0.3–0.7 of two cores at every point of reactive and Loom; after 30,000, 0.0–0.4
     * (mostly under 0.2), and their throughput at 1,000 clients was 25–115 % higher
     * (results/sweeps, issue 13).
     */
    @Override
    public Defaults defaults() {
      return Defaults.TALK.withWarmup(SETTLED_WARMUP);
    }

    /** Requests of warm-up after which the JIT has compiled the request's paths. */
    static final int SETTLED_WARMUP = 30_000;

    @Override
    public String wireName() {
      return "concurrency-sweep";
    }

    @Override
    public List<ScenarioPoint> points(BenchConfig.LoadSettings load, InjectedLatency latency) {
      boolean both = flavour == Flavour.BOTH;
      var sweepLatency =
          new InjectedLatency(
              latency.upstream(),
              latency.upstreamJitter(),
              both ? latency.postgres() : Duration.ZERO,
              both ? latency.postgresJitter() : Duration.ZERO);
      var points = new ArrayList<ScenarioPoint>();
      for (int c : clients) {
        int count = Math.max(load.requests(), requestsPerClient * c);
        points.add(
            new ScenarioPoint(
                points.size(), sweepLatency, new ClosedLoop(c, count, sweepLatency.rampUp())));
      }
      return points;
    }

    @Override
    public void check(BenchConfig.LoadSettings load, int repeat) {
      if (load.ratePerSecond() != null) {
        throw new IllegalArgumentException("a concurrency sweep is a closed loop: drop --rate");
      }
    }
  }

  /** The talk's single point with far more clients than any pool. */
  record Overload() implements Scenario {
    @Override
    public Defaults defaults() {
      return new Defaults(2000, Duration.ofMillis(200), 300, 100, null);
    }

    @Override
    public String wireName() {
      return "overload";
    }
  }

  /** Each of {@code faults}, in order, against each variant. */
  record Faults(List<Fault> faults) implements Scenario {
    public Faults {
      faults = List.copyOf(faults);
      if (faults.isEmpty()) {
        throw new IllegalArgumentException("the faults scenario needs at least one fault");
      }
    }

    @Override
    public Defaults defaults() {
      return new Defaults(4, Duration.ofMillis(20), 100, null, Duration.ofSeconds(1));
    }

    @Override
    public String wireName() {
      return "faults";
    }

    /**
     * Twice the deadline and five seconds: a variant that ignores its deadline shows as a timeout a
     * few seconds later, not as a minute's hang.
     */
    @Override
    public Duration requestTimeout(Duration deadline, List<ScenarioPoint> points) {
      return deadline.multipliedBy(2).plusSeconds(5);
    }

    @Override
    public void check(BenchConfig.LoadSettings load, int repeat) {
      if (load.ratePerSecond() != null || repeat > 1) {
        throw new IllegalArgumentException(
            "a fault run is one closed loop per variant and fault: drop --rate and --repeat");
      }
    }
  }

  /**
   * Requests in flight by the thousand: each point a closed loop of C clients sending {@value
   * #REQUESTS_PER_CLIENT} requests each, latency on the upstream only, so every request waits there
   * and holds nothing of the database. What it is for is the cost of a waiting request (heap, RSS,
   * threads, CPU per request), sampled at each point's plateau, when all C wait.
   *
   * <h2>Why the latency is long</h2>
   *
   * A closed loop of C clients on a service time T asks C / T requests per second. If that is near
   * what the machine can serve at all (its ceiling, {@link #machineCeilingRps}), the run measures
   * the machine's CPU, not the waiting: requests queue for a core and the latency grows past the
   * theory. So the upstream latency is chosen to keep C / T at most half the ceiling at the largest
   * C: {@code L_u ≥ C_max / (0.5 · ceiling)}, rounded up to whole seconds. At 9,000 in flight and a
   * ceiling of 500 rps that is 36 s.
   *
   * <h2>What the bench does differently</h2>
   *
   * <ul>
   *   <li>Before each point, {@link dev.caas.testbed.RigBudget} counts the open files and ports the
   *       point needs in each process of the rig; a point that cannot fit is refused with that
   *       arithmetic and not run (it is listed among what did not run, never as errors).
   *   <li>The variants start with the heap pinned and pre-touched ({@link
   *       dev.caas.harness.cost.JvmFlags}), so RSS grows only with native memory.
   *   <li>Reactive's pool of upstream connections is raised to the largest C (else it, not the
   *       model, is what is measured: the theory names it when it binds); sync gets a platform
   *       thread per request in flight ({@code --server-threads} = the largest C) unless told
   *       otherwise.
   * </ul>
   *
   * @param inFlight the points: requests in flight (closed-loop clients), in order
   * @param machineCeilingRps what the machine serves at all with no latency, the rig included
   * @param upstreamLatency the latency on the upstream; {@code null}: computed from the ceiling
   */
  record Scale(List<Integer> inFlight, double machineCeilingRps, Duration upstreamLatency)
      implements Scenario {

    /**
     * The machine's ceiling on the reference machine (2 cores, shared): a request costs the whole
     * machine (variant, generator, proxy, upstream, PostgreSQL) about 4 ms of CPU once warm,
     * measured by the cost meter at a few hundred in flight, so 2 cores serve at most about 500
     * rps. (Alone on the machine, loom-gathered reached about 1,000 rps at no latency.)
     */
    public static final double MACHINE_CEILING_RPS = 500;

    /** Requests each client sends at a point: the first fills the variant, the second keeps it. */
    public static final int REQUESTS_PER_CLIENT = 2;

    /** The share of the ceiling the largest point may ask for. */
    public static final double CEILING_SHARE = 0.5;

    public Scale {
      inFlight = List.copyOf(inFlight);
      if (inFlight.isEmpty() || inFlight.stream().anyMatch(c -> c < 1)) {
        throw new IllegalArgumentException(
            "the in-flight list needs at least one count, each at least 1");
      }
      if (!(machineCeilingRps > 0)) {
        throw new IllegalArgumentException("the machine ceiling must be positive");
      }
    }

    /** The largest point's requests in flight. */
    public int maxInFlight() {
      return inFlight.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** The latency given, or {@code C_max / (0.5 · ceiling)} rounded up to whole seconds. */
    public Duration chosenUpstreamLatency() {
      return upstreamLatency != null
          ? upstreamLatency
          : latencyFor(maxInFlight(), machineCeilingRps);
    }

    /** The shortest whole-second upstream latency that keeps C / T at half the ceiling. */
    public static Duration latencyFor(int inFlight, double ceilingRps) {
      return Duration.ofSeconds((long) Math.ceil(inFlight / (CEILING_SHARE * ceilingRps)));
    }

    /**
     * {@code L_u ≥ 9,000 / (0.5 × 500 rps) = 36 s}, or that the latency was given; for the console
     * and the report.
     */
    public String latencyArithmetic() {
      String rule =
          String.format(
              Locale.ROOT,
              "L_u ≥ C_max / (%.1f · ceiling) = %,d / (%.1f × %,.0f rps) = %.1f s",
              CEILING_SHARE,
              maxInFlight(),
              CEILING_SHARE,
              machineCeilingRps,
              maxInFlight() / (CEILING_SHARE * machineCeilingRps));
      return upstreamLatency != null
          ? "L_u = " + upstreamLatency.toMillis() + " ms as given (the rule: " + rule + ")"
          : rule + ", rounded up to " + chosenUpstreamLatency().toSeconds() + " s";
    }

    @Override
    public Defaults defaults() {
      return new Defaults(inFlight.getFirst(), chosenUpstreamLatency(), 300, null, null);
    }

    @Override
    public String wireName() {
      return "scale";
    }

    @Override
    public Flavour flavour() {
      return Flavour.UPSTREAM_ONLY;
    }

    @Override
    public List<ScenarioPoint> points(BenchConfig.LoadSettings load, InjectedLatency latency) {
      var upstreamOnly =
          new InjectedLatency(
              latency.upstream(), latency.upstreamJitter(), Duration.ZERO, Duration.ZERO);
      var points = new ArrayList<ScenarioPoint>();
      for (int c : inFlight) {
        points.add(
            new ScenarioPoint(
                points.size(),
                upstreamOnly,
                new ClosedLoop(c, REQUESTS_PER_CLIENT * c, upstreamOnly.rampUp())));
      }
      return points;
    }

    @Override
    public void check(BenchConfig.LoadSettings load, int repeat) {
      if (load.ratePerSecond() != null) {
        throw new IllegalArgumentException("the scale scenario is a closed loop: drop --rate");
      }
    }
  }

  /**
   * Where a sweep injects its latency.
   *
   * <ul>
   *   <li>{@link #UPSTREAM_ONLY}: only step 1 waits, so a request holds no database connection for
   *       long and the thread limit shows alone: sync saturates at threads / T, Loom and reactive
   *       do not.
   *   <li>{@link #BOTH}: both proxies; every request holds a pooled connection for 2·L_d, and the
   *       pool limit shows for everyone: virtual threads do not create database connections.
   * </ul>
   */
  enum Flavour {
    UPSTREAM_ONLY,
    BOTH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Flavour parse(String text) {
      return Arrays.stream(values())
          .filter(f -> f.wireName().equalsIgnoreCase(text.trim()))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown flavour '" + text + "': expected upstream-only or both"));
    }
  }
}
