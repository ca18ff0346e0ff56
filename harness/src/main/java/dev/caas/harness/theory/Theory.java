package dev.caas.harness.theory;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.Workload;
import dev.caas.harness.text.Millis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a run should measure, from the injected latencies, the load and the variant's limits alone;
 * printed beside every measurement so a difference is a question, not a shrug.
 *
 * <h2>One request</h2>
 *
 * With round trips of L_u to the upstream and L_d to the database, and service time too small to
 * matter: sequential T = L_u + 2·L_d (three steps one after the other); gathered T = L_u + L_d (the
 * two database steps overlap). Jitter J (Toxiproxy's uniform ± J) leaves a step's median where it
 * was, except where a request waits for the slower of two: the median of the larger of two uniform
 * draws is (√2 − 1)·J above their centre, so a gathered request's median grows by 0.41·J_d.
 *
 * <h2>Many requests</h2>
 *
 * Each resource bounds throughput by its capacity over the time one request holds it (the
 * utilisation law, X ≤ capacity / demand):
 *
 * <ul>
 *   <li>clients: C / T (a closed loop's C clients each have one request out; an open loop's
 *       connections likewise);
 *   <li>server threads: S / T, for thread-per-request models (sync; Loom's virtual threads report
 *       no limit). Reactor Netty's event loops are not held while a request waits, so they bound
 *       nothing here;
 *   <li>database pool: P / (2·L_d) (both compositions keep a connection busy for 2·L_d in all;
 *       gathered holds two at once for half as long);
 *   <li>upstream connections: H / L_u (reactive's WebClient pool reports its cap);
 *   <li>executor threads (gathered only): E / (2·L_d), both database steps being forked onto it;
 *   <li>the machine: the throughput the same variant reached with no latency at all, from as many
 *       clients, measured right after the warm-up. It is the one measured input, and it matters
 *       only when the latency bounds are higher than the machine's cores can serve (a thousand
 *       clients of a Loom variant).
 * </ul>
 *
 * Throughput X is the smallest bound, the bottleneck. A closed loop's clients then wait R = C / X
 * (Little's law), never less than T. This is what shows that virtual threads remove the thread
 * bound but not the pool bound.
 *
 * <h2>A burst</h2>
 *
 * With no more requests than clients (the overload scenario: 2,000 clients, one request each) there
 * is no steady state: all N arrive at once and the bottleneck drains them at X, so request k leaves
 * at about k / X. The median one waits N / (2X), of which the first T/2 overlap its own service: R
 * ≈ T + N / (2X) − T/2, and just T when the burst fits (N ≤ X·T). E.g. 2,000 requests, a pool of
 * 100 at L_d = 200 ms: X = 100 / 0.4 s = 250 rps, gathered T = 400 ms, R ≈ 0.4 + 4 − 0.2 = 4.2 s,
 * the last at about 8.4 s.
 *
 * <h2>Open loop</h2>
 *
 * Arrivals at rate λ get X = λ and R ≈ T while λ is below every bound. Above, the queue grows for
 * as long as the run lasts ({@link #overloaded()}): request i arrives at i / λ and leaves at about
 * i / X + T, so over N requests the median waits T + (N / 2)·(1 / X − 1 / λ). That prediction
 * depends on the run's length, which is the point: an overloaded system has no steady latency.
 *
 * @param serviceTimeMs T: one request alone
 * @param throughputRps X: the smallest bound, or infinity when nothing bounds it (no latency at
 *     all)
 * @param medianMs the predicted typical latency
 * @param bounds every bound that applies, smallest first
 * @param overloaded an open loop arriving faster than the bottleneck serves
 */
public record Theory(
    double serviceTimeMs,
    double throughputRps,
    double medianMs,
    List<Bound> bounds,
    boolean overloaded) {

  /**
   * How far above its centre the median of the larger of two uniform draws lies, in units of the
   * jitter.
   */
  static final double MEDIAN_OF_MAX_OF_TWO = Math.sqrt(2) - 1;

  public Theory {
    bounds = List.copyOf(bounds);
  }

  /**
   * One resource's limit on throughput.
   *
   * @param resource what it is, e.g. {@code database pool}
   * @param rps the most requests per second it allows
   * @param formula how it was computed, e.g. {@code 20 / (2 × 100 ms)}
   */
  public record Bound(String resource, double rps, String formula) {}

  /** T: the time one request takes when nothing waits for anything but the injected latency. */
  public static double serviceTimeMs(Composition composition, Duration upstream, Duration db) {
    return serviceTimeMs(
        composition, new InjectedLatency(upstream, Duration.ZERO, db, Duration.ZERO));
  }

  /** T with jitter: a gathered request waits for the slower of its two database steps. */
  public static double serviceTimeMs(Composition composition, InjectedLatency latency) {
    double db = InjectedLatency.millis(latency.postgres());
    double upstream = InjectedLatency.millis(latency.upstream());
    return composition == Composition.SEQUENTIAL
        ? upstream + 2 * db
        : upstream + db + MEDIAN_OF_MAX_OF_TWO * InjectedLatency.millis(latency.postgresJitter());
  }

  /**
   * The prediction for one variant at one point.
   *
   * @param noLatencyCeilingRps the variant's throughput measured with no latency, or {@code NaN}
   *     for none
   */
  public static Theory predict(
      Variant variant,
      InjectedLatency latency,
      Workload workload,
      Limits limits,
      double noLatencyCeilingRps) {
    boolean threadPerRequest = variant.model() != Variant.Model.REACTIVE;
    return predict(
        variant.composition(), threadPerRequest, latency, workload, limits, noLatencyCeilingRps);
  }

  /**
   * The prediction for an implementation that is not one of the variants ({@code caas bench
   * --target}): its composition, and whether each request holds a thread of a bounded pool while it
   * waits. With every limit {@code null} (limits unknown) only the latency and the clients bound
   * it.
   */
  public static Theory predict(
      Composition composition,
      boolean threadPerRequest,
      InjectedLatency latency,
      Workload workload,
      Limits limits,
      double noLatencyCeilingRps) {
    var demand = new Demand(composition, latency, threadPerRequest);
    return switch (workload) {
      case ClosedLoop closed ->
          closed(demand, closed.clients(), closed.requests(), limits, noLatencyCeilingRps);
      case OpenLoop open -> open(demand, open, limits, noLatencyCeilingRps);
    };
  }

  /** C clients in a closed loop, thread per request, no jitter, no measured ceiling. */
  public static Theory closedLoop(
      Composition composition, Duration upstream, Duration db, int clients, Limits limits) {
    var latency = new InjectedLatency(upstream, Duration.ZERO, db, Duration.ZERO);
    return closed(
        new Demand(composition, latency, true), clients, Integer.MAX_VALUE, limits, Double.NaN);
  }

  /** What one request asks of each resource. */
  private record Demand(
      Composition composition, InjectedLatency latency, boolean threadPerRequest) {
    double t() {
      return serviceTimeMs(composition, latency);
    }
  }

  private static Theory closed(
      Demand demand, int clients, int requests, Limits limits, double ceiling) {
    double t = demand.t();
    var bounds = resourceBounds(demand, limits, ceiling);
    // Clients beyond the requests never send: a burst of N keeps at most N in flight.
    int sending = Math.min(clients, requests);
    if (t > 0) {
      bounds.add(new Bound("clients", sending / seconds(t), sending + " / " + Millis.format(t)));
    }
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    double x = bounds.isEmpty() ? Double.POSITIVE_INFINITY : bounds.getFirst().rps();
    double r;
    if (Double.isInfinite(x)) {
      r = t;
    } else if (requests <= clients) {
      r = t + Math.max(0, requests / 2.0 / x * 1000 - t / 2);
    } else {
      r = Math.max(t, clients / x * 1000);
    }
    return new Theory(t, x, r, bounds, false);
  }

  private static Theory open(Demand demand, OpenLoop open, Limits limits, double ceiling) {
    double t = demand.t();
    double rate = open.ratePerSecond();
    var bounds = resourceBounds(demand, limits, ceiling);
    if (t > 0) {
      bounds.add(
          new Bound(
              "client connections",
              open.maxConnections() / seconds(t),
              open.maxConnections() + " / " + Millis.format(t)));
    }
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    boolean overloaded = !bounds.isEmpty() && bounds.getFirst().rps() < rate;
    bounds.add(new Bound("arrival rate", rate, String.format(Locale.ROOT, "%.1f/s", rate)));
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    double x = bounds.getFirst().rps();
    double median = overloaded ? t + open.requests() / 2.0 * (1 / x - 1 / rate) * 1000 : t;
    return new Theory(t, x, median, bounds, overloaded);
  }

  private static List<Bound> resourceBounds(Demand demand, Limits limits, double ceiling) {
    var bounds = new ArrayList<Bound>();
    double t = demand.t();
    double db = InjectedLatency.millis(demand.latency().postgres());
    double upstream = InjectedLatency.millis(demand.latency().upstream());
    if (t <= 0) {
      return bounds;
    }
    if (demand.threadPerRequest() && limits.serverThreads() != null) {
      bounds.add(
          new Bound(
              "server threads",
              limits.serverThreads() / seconds(t),
              limits.serverThreads() + " / " + Millis.format(t)));
    }
    if (limits.dbPool() != null && db > 0) {
      bounds.add(
          new Bound(
              "database pool",
              limits.dbPool() / seconds(2 * db),
              limits.dbPool() + " / (2 × " + Millis.format(db) + ")"));
    }
    if (limits.httpConnections() != null && upstream > 0) {
      bounds.add(
          new Bound(
              "upstream connections",
              limits.httpConnections() / seconds(upstream),
              limits.httpConnections() + " / " + Millis.format(upstream)));
    }
    if (limits.executorThreads() != null
        && demand.composition() == Composition.GATHERED
        && db > 0) {
      bounds.add(
          new Bound(
              "executor threads",
              limits.executorThreads() / seconds(2 * db),
              limits.executorThreads() + " / (2 × " + Millis.format(db) + ")"));
    }
    if (ceiling > 0 && Double.isFinite(ceiling)) {
      bounds.add(new Bound("machine", ceiling, "measured with no latency, same clients"));
    }
    return bounds;
  }

  /** The resource that sets the throughput, or {@code none} when no latency was injected. */
  public String bottleneck() {
    return bounds.isEmpty() ? "none" : bounds.getFirst().resource();
  }

  /**
   * Whether there is anything to compare against: with no injected latency the prediction is zero.
   */
  public boolean applies() {
    return serviceTimeMs > 0;
  }

  private static double seconds(double millis) {
    return millis / 1000;
  }
}
