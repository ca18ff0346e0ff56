package dev.caas.harness;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant.Composition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a run should measure, from the injected latencies and the variant's limits alone; printed beside
 * every measurement so a difference is a question, not a shrug.
 *
 * <h2>One request</h2>
 * With round trips of L_u to the upstream and L_d to the database, and service time too small to matter:
 * sequential T = L_u + 2·L_d (three steps one after the other); gathered T = L_u + L_d (the two database
 * steps overlap).
 *
 * <h2>Many requests</h2>
 * Each resource bounds throughput by its capacity over the time one request holds it (the utilisation
 * law, X ≤ capacity / demand):
 * <ul>
 *   <li>clients: C / T (a closed loop's C clients each have one request out);
 *   <li>server threads: S / T (thread per request holds its thread for the whole request);
 *   <li>database pool: P / (2·L_d) (both compositions keep a connection busy for 2·L_d in all; gathered
 *       holds two at once for half as long);
 *   <li>upstream connections: H / L_u;
 *   <li>executor threads (gathered only): E / (2·L_d), assuming both database steps are forked onto it.
 * </ul>
 * Throughput X is the smallest bound, the bottleneck. A closed loop's clients then wait R = C / X (Little's
 * law), never less than T. This is what shows that virtual threads remove the thread bound but not the pool
 * bound. An open loop at rate λ gets X = λ and R ≈ T while λ is below every other bound; above, the queue
 * grows for as long as the run lasts and no steady latency exists ({@link #overloaded()}).
 *
 * @param serviceTimeMs T: one request alone
 * @param throughputRps X: the smallest bound, or infinity when nothing bounds it (no latency at all)
 * @param medianMs the predicted typical latency, {@code NaN} when overloaded
 * @param bounds every bound that applies, smallest first
 */
public record Theory(double serviceTimeMs, double throughputRps, double medianMs, List<Bound> bounds) {

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
    double databaseSteps = composition == Composition.SEQUENTIAL ? 2 : 1;
    return millis(upstream) + databaseSteps * millis(db);
  }

  /** C clients in a closed loop. */
  public static Theory closedLoop(
      Composition composition, Duration upstream, Duration db, int clients, Limits limits) {
    double t = serviceTimeMs(composition, upstream, db);
    var bounds = resourceBounds(composition, upstream, db, limits);
    if (t > 0) {
      bounds.add(new Bound("clients", clients / seconds(t), clients + " / " + Times.format(t)));
    }
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    double x = bounds.isEmpty() ? Double.POSITIVE_INFINITY : bounds.getFirst().rps();
    double r = Double.isInfinite(x) ? t : Math.max(t, clients / x * 1000);
    return new Theory(t, x, r, List.copyOf(bounds));
  }

  /** Arrivals at {@code ratePerSecond}, at most {@code connections} in flight. */
  public static Theory openLoop(
      Composition composition, Duration upstream, Duration db, double ratePerSecond, int connections,
      Limits limits) {
    double t = serviceTimeMs(composition, upstream, db);
    var bounds = resourceBounds(composition, upstream, db, limits);
    if (t > 0) {
      bounds.add(new Bound("client connections", connections / seconds(t),
          connections + " / " + Times.format(t)));
    }
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    boolean overloaded = !bounds.isEmpty() && bounds.getFirst().rps() < ratePerSecond;
    bounds.add(new Bound("arrival rate", ratePerSecond, String.format(Locale.ROOT, "%.1f/s", ratePerSecond)));
    bounds.sort(Comparator.comparingDouble(Bound::rps));
    return new Theory(t, bounds.getFirst().rps(), overloaded ? Double.NaN : t, List.copyOf(bounds));
  }

  private static List<Bound> resourceBounds(Composition composition, Duration upstream, Duration db, Limits limits) {
    var bounds = new ArrayList<Bound>();
    double t = serviceTimeMs(composition, upstream, db);
    double twoDb = 2 * millis(db);
    if (limits.serverThreads() != null && t > 0) {
      bounds.add(new Bound("server threads", limits.serverThreads() / seconds(t),
          limits.serverThreads() + " / " + Times.format(t)));
    }
    if (limits.dbPool() != null && twoDb > 0) {
      bounds.add(new Bound("database pool", limits.dbPool() / seconds(twoDb),
          limits.dbPool() + " / (2 × " + Times.format(millis(db)) + ")"));
    }
    if (limits.httpConnections() != null && millis(upstream) > 0) {
      bounds.add(new Bound("upstream connections", limits.httpConnections() / seconds(millis(upstream)),
          limits.httpConnections() + " / " + Times.format(millis(upstream))));
    }
    if (limits.executorThreads() != null && composition == Composition.GATHERED && twoDb > 0) {
      bounds.add(new Bound("executor threads", limits.executorThreads() / seconds(twoDb),
          limits.executorThreads() + " / (2 × " + Times.format(millis(db)) + ")"));
    }
    return bounds;
  }

  /** The resource that sets the throughput, or {@code none} when no latency was injected. */
  public String bottleneck() {
    return bounds.isEmpty() ? "none" : bounds.getFirst().resource();
  }

  /** Whether there is anything to compare against: with no injected latency the prediction is zero. */
  public boolean applies() {
    return serviceTimeMs > 0;
  }

  /** An open loop arriving faster than the bottleneck serves: latency grows with the length of the run. */
  public boolean overloaded() {
    return Double.isNaN(medianMs);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private static double seconds(double millis) {
    return millis / 1000;
  }
}
