package dev.caas.harness.queueing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Everything a request does besides waiting out the injected latencies, measured as one
 * flow-equivalent server (Chandy, Herzog and Woo 1975; Lazowska et al., ch. 8): the same variant,
 * warmed up, probed with no latency at all by closed loops of 1, 2, 4, … clients, its throughput at
 * each population X₀(n) recorded. With no latency the rig does nothing but that work (CPU in every
 * process, loopback hops, the scheduler handing each request from process to process, the
 * database's own time), so X₀(n) is the rate at which the machine completes requests when n of them
 * are in that part of their path. In the network with latency the machine is one load-dependent
 * station served at X₀(j) when j requests are there, beside delay centres for the latencies.
 *
 * <p>Why a probe and not a CPU demand: one demand per request on {@code cores} processor-sharing
 * servers predicts too little waiting at moderate load. Measured here, the CPU one request costs
 * falls as the load rises (event loops and the proxy read more per wake-up), and every hop from one
 * process to the next waits for a core; neither is a property of one station with one demand. X₀(n)
 * has both in it, measured apart from the points it is used to predict.
 *
 * <p>The probes are noisy (a collection or a compilation during a short probe costs it a fifth of
 * its throughput), and one that dips below a smaller population's would have the machine slow down
 * as requests are added. So the curve used is the probes' closest non-decreasing fit (isotonic
 * regression by pooling adjacent violators, each probe weighted alike): where a probe dips, it and
 * its neighbours are replaced by their mean. Between the populations probed, that fit is
 * interpolated linearly in log n; below the first it is proportional to n; above the last,
 * constant.
 */
public final class ProbedMachine {

  /** One probe: {@code clients} in a closed loop with no latency served this many a second. */
  public record Point(int clients, double throughputPerSecond) {
    public Point {
      if (clients < 1 || !(throughputPerSecond > 0) || Double.isInfinite(throughputPerSecond)) {
        throw new IllegalArgumentException(
            "a probe needs clients and a positive throughput: "
                + clients
                + " clients, "
                + throughputPerSecond
                + " rps");
      }
    }
  }

  private final List<Point> points;

  /** X₀(j) for j = 1 … the last population probed, from the non-decreasing fit. */
  private final double[] throughputs;

  /**
   * @param points the probes, one per population, any order; at least one
   */
  public ProbedMachine(List<Point> points) {
    this.points = points.stream().sorted(Comparator.comparingInt(Point::clients)).toList();
    if (this.points.isEmpty()) {
      throw new IllegalArgumentException("a probed machine needs at least one probe");
    }
    for (int i = 1; i < this.points.size(); i++) {
      if (this.points.get(i).clients() == this.points.get(i - 1).clients()) {
        throw new IllegalArgumentException(
            "two probes at " + this.points.get(i).clients() + " clients");
      }
    }
    this.throughputs = interpolated(this.points, nonDecreasing(this.points));
  }

  /** The probes as measured, by population. */
  public List<Point> points() {
    return points;
  }

  /**
   * Pool adjacent violators: the non-decreasing sequence closest to the probes' throughputs in
   * least squares.
   */
  static double[] nonDecreasing(List<Point> points) {
    int count = points.size();
    var means = new double[count];
    var sizes = new int[count];
    int blocks = 0;
    for (Point point : points) {
      means[blocks] = point.throughputPerSecond();
      sizes[blocks] = 1;
      blocks++;
      while (blocks > 1 && means[blocks - 2] > means[blocks - 1]) {
        int merged = sizes[blocks - 2] + sizes[blocks - 1];
        means[blocks - 2] =
            (means[blocks - 2] * sizes[blocks - 2] + means[blocks - 1] * sizes[blocks - 1])
                / merged;
        sizes[blocks - 2] = merged;
        blocks--;
      }
    }
    var fitted = new double[count];
    int at = 0;
    for (int block = 0; block < blocks; block++) {
      for (int i = 0; i < sizes[block]; i++) {
        fitted[at++] = means[block];
      }
    }
    return fitted;
  }

  private static double[] interpolated(List<Point> points, double[] fitted) {
    int last = points.getLast().clients();
    var throughputs = new double[last + 1];
    int first = points.getFirst().clients();
    for (int n = 1; n <= last; n++) {
      if (n <= first) {
        throughputs[n] = fitted[0] * n / first;
        continue;
      }
      int above = 1;
      while (points.get(above).clients() < n) {
        above++;
      }
      int low = points.get(above - 1).clients();
      int high = points.get(above).clients();
      double share = Math.log((double) n / low) / Math.log((double) high / low);
      throughputs[n] = fitted[above - 1] + share * (fitted[above] - fitted[above - 1]);
    }
    return throughputs;
  }

  /**
   * The populations to probe for a network that may hold up to {@code largest} requests: 1, 2, 4, …
   * below it, and {@code largest} itself.
   */
  public static List<Integer> populations(int largest) {
    if (largest < 1) {
      throw new IllegalArgumentException("at least one client: " + largest);
    }
    var populations = new ArrayList<Integer>();
    for (int n = 1; n < largest; n *= 2) {
      populations.add(n);
    }
    populations.add(largest);
    return populations;
  }

  /** X₀(n): the machine's completions per second with {@code n} requests in it (the fit). */
  public double throughputAt(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a population of at least one: " + n);
    }
    return throughputs[Math.min(n, throughputs.length - 1)];
  }

  /** One request alone in the machine: 1 / X₀(1), the service time of the station. */
  public double aloneSeconds() {
    return 1 / throughputAt(1);
  }

  /** The most the machine completes a second, at the most requests probed: its asymptote. */
  public double ceilingPerSecond() {
    return throughputs[throughputs.length - 1];
  }

  /** The most requests probed. */
  public int ceilingClients() {
    return points.getLast().clients();
  }

  /**
   * How many times faster than one request alone the machine completes {@code n}: X₀(n) / X₀(1),
   * the station's rate multiplier (a station of c servers has min(n, c)).
   */
  public double speedUp(int n) {
    return throughputAt(n) / throughputAt(1);
  }

  /** {@code probed with no latency: 612 rps with 1 client … 2,510 rps with 256}. */
  public String describe() {
    Point first = points.getFirst();
    return String.format(
        Locale.ROOT,
        "probed with no latency at %d populations: %,.0f rps with %d %s … %,.0f rps with %d"
            + " (non-decreasing fit)",
        points.size(),
        throughputAt(first.clients()),
        first.clients(),
        first.clients() == 1 ? "client" : "clients",
        ceilingPerSecond(),
        ceilingClients());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProbedMachine machine && machine.points.equals(points);
  }

  @Override
  public int hashCode() {
    return points.hashCode();
  }

  @Override
  public String toString() {
    return "ProbedMachine" + points;
  }
}
