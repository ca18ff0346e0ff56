package dev.caas.harness.queueing;

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
 * <p>Between the populations probed, X₀ is interpolated linearly in log n; below the first it is
 * proportional to n; above the last, constant.
 *
 * @param points the probes, one per population, any order; at least one, each with a positive
 *     throughput
 */
public record ProbedMachine(List<Point> points) {

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

  public ProbedMachine {
    points = points.stream().sorted(Comparator.comparingInt(Point::clients)).toList();
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a probed machine needs at least one probe");
    }
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).clients() == points.get(i - 1).clients()) {
        throw new IllegalArgumentException("two probes at " + points.get(i).clients() + " clients");
      }
    }
  }

  /**
   * The populations to probe for a network that may hold up to {@code largest} requests: 1, 2, 4, …
   * below it, and {@code largest} itself.
   */
  public static List<Integer> populations(int largest) {
    if (largest < 1) {
      throw new IllegalArgumentException("at least one client: " + largest);
    }
    var populations = new java.util.ArrayList<Integer>();
    for (int n = 1; n < largest; n *= 2) {
      populations.add(n);
    }
    populations.add(largest);
    return populations;
  }

  /** X₀(n): the machine's completions per second with {@code n} requests in it. */
  public double throughputAt(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a population of at least one: " + n);
    }
    Point first = points.getFirst();
    if (n <= first.clients()) {
      return first.throughputPerSecond() * n / first.clients();
    }
    for (int i = 1; i < points.size(); i++) {
      Point below = points.get(i - 1);
      Point above = points.get(i);
      if (n <= above.clients()) {
        double share =
            Math.log((double) n / below.clients())
                / Math.log((double) above.clients() / below.clients());
        return below.throughputPerSecond()
            + share * (above.throughputPerSecond() - below.throughputPerSecond());
      }
    }
    return points.getLast().throughputPerSecond();
  }

  /** One request alone in the machine: 1 / X₀(1), the service time of the station. */
  public double aloneSeconds() {
    return 1 / throughputAt(1);
  }

  /** The most the machine completed a second at any population probed: its asymptote. */
  public double ceilingPerSecond() {
    return points.stream().mapToDouble(Point::throughputPerSecond).max().orElseThrow();
  }

  /** The population at which the ceiling was probed. */
  public int ceilingClients() {
    return points.stream()
        .max(Comparator.comparingDouble(Point::throughputPerSecond))
        .orElseThrow()
        .clients();
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
        "probed with no latency at %d populations: %,.0f rps with %d %s … %,.0f rps with %d",
        points.size(),
        first.throughputPerSecond(),
        first.clients(),
        first.clients() == 1 ? "client" : "clients",
        ceilingPerSecond(),
        ceilingClients());
  }
}
