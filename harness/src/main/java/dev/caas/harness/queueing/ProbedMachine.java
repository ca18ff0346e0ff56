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
 *
 * <p>The host the machine runs on changes pace from minute to minute (a virtual machine on a shared
 * host: the CPU a request costs varied by a third between runs a minute apart). Each probe keeps
 * the host's pace while it ran ({@code HostPace}: a fixed job's CPU time), and a point is predicted
 * with the machine at the pace of its own window ({@link #atPace}): the probes' throughputs scaled
 * by their pace over the point's before they are fitted.
 */
public final class ProbedMachine {

  /**
   * One probe: {@code clients} in a closed loop with no latency served this many a second, while
   * the host's pace job took {@code paceMicros} of CPU ({@code HostPace}; NaN when not timed).
   */
  public record Point(int clients, double throughputPerSecond, double paceMicros) {
    public Point {
      if (clients < 1 || !(throughputPerSecond > 0) || Double.isInfinite(throughputPerSecond)) {
        throw new IllegalArgumentException(
            "a probe needs clients and a positive throughput: "
                + clients
                + " clients, "
                + throughputPerSecond
                + " rps");
      }
      if (!Double.isNaN(paceMicros) && !(paceMicros > 0 && Double.isFinite(paceMicros))) {
        throw new IllegalArgumentException("a pace is a positive time: " + paceMicros + " µs");
      }
    }

    /** A probe the host's pace was not timed during. */
    public Point(int clients, double throughputPerSecond) {
      this(clients, throughputPerSecond, Double.NaN);
    }

    boolean paced() {
      return !Double.isNaN(paceMicros);
    }
  }

  private final List<Point> points;

  /** The host's pace the machine is evaluated at, µs of the pace job; NaN: each probe's own. */
  private final double paceMicros;

  /** X₀(j) for j = 1 … the last population probed, from the non-decreasing fit. */
  private final double[] throughputs;

  /**
   * @param points the probes, one per population, any order; at least one
   */
  public ProbedMachine(List<Point> points) {
    this(points, Double.NaN);
  }

  private ProbedMachine(List<Point> points, double paceMicros) {
    this.paceMicros = paceMicros;
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
    double[] measured =
        this.points.stream()
            .mapToDouble(
                point ->
                    Double.isNaN(paceMicros)
                        ? point.throughputPerSecond()
                        : point.throughputPerSecond() * point.paceMicros() / paceMicros)
            .toArray();
    this.throughputs = interpolated(this.points, nonDecreasing(measured));
  }

  /**
   * The same machine on a host running at another pace: each probe's throughput times its own pace
   * over {@code paceMicros} (work per request is the same, the host does it faster or slower), then
   * fitted as before. A host that slowed during one probe no longer reads as a machine that slows
   * down with more requests. This machine unchanged when a probe was not timed.
   */
  public ProbedMachine atPace(double paceMicros) {
    if (!(paceMicros > 0 && Double.isFinite(paceMicros))) {
      throw new IllegalArgumentException("a pace is a positive time: " + paceMicros + " µs");
    }
    return points.stream().allMatch(Point::paced) ? new ProbedMachine(points, paceMicros) : this;
  }

  /** Whether this machine is evaluated at a pace of the host's ({@link #atPace}). */
  public boolean paced() {
    return !Double.isNaN(paceMicros);
  }

  /**
   * The host's pace this machine is evaluated at, µs of the pace job; NaN when not {@link #paced}.
   */
  public double paceMicros() {
    return paceMicros;
  }

  /** The probes as measured, by population. */
  public List<Point> points() {
    return points;
  }

  /**
   * Pool adjacent violators: the non-decreasing sequence closest to the probes' throughputs in
   * least squares.
   */
  static double[] nonDecreasing(double[] measured) {
    int count = measured.length;
    var means = new double[count];
    var sizes = new int[count];
    int blocks = 0;
    for (double throughput : measured) {
      means[blocks] = throughput;
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

  /**
   * {@code probed with no latency at 9 populations: 612 rps with 1 client … 2,510 rps with 256
   * (non-decreasing fit)}, and when paced {@code ; at the host's pace of the point, 540 µs (probed
   * at 480–607 µs)}.
   */
  public String describe() {
    Point first = points.getFirst();
    String probed =
        String.format(
            Locale.ROOT,
            "probed with no latency at %d populations: %,.0f rps with %d %s … %,.0f rps with %d"
                + " (non-decreasing fit)",
            points.size(),
            throughputAt(first.clients()),
            first.clients(),
            first.clients() == 1 ? "client" : "clients",
            ceilingPerSecond(),
            ceilingClients());
    if (!paced()) {
      return probed;
    }
    var paces = points.stream().mapToDouble(Point::paceMicros).summaryStatistics();
    return probed
        + String.format(
            Locale.ROOT,
            "; at the host's pace of the point, %.0f µs (probed at %.0f–%.0f µs)",
            paceMicros,
            paces.getMin(),
            paces.getMax());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProbedMachine machine
        && machine.points.equals(points)
        && Double.compare(machine.paceMicros, paceMicros) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * points.hashCode() + Double.hashCode(paceMicros);
  }

  @Override
  public String toString() {
    return "ProbedMachine" + points + (paced() ? " at " + paceMicros + " µs" : "");
  }
}
