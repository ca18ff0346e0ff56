package dev.caas.harness.queueing;

import java.util.Comparator;
import java.util.List;

/**
 * What the queueing network predicts at one load.
 *
 * @param load C clients in a closed loop, or λ arrivals per second in an open one
 * @param throughputPerSecond X
 * @param meanSeconds R, the mean response time
 * @param medianSeconds the median response time: the fixed latencies plus the median of the largest
 *     wait (see the package documentation)
 * @param p99Seconds the 99th percentile, the same way
 * @param bottleneck the centre with the highest utilisation
 * @param centres every centre's utilisation and wait
 * @param asymptotes every ceiling, smallest first
 * @param overloaded an open loop arriving faster than its bottleneck serves: no steady state, R is
 *     infinite
 */
public record Prediction(
    Load load,
    double throughputPerSecond,
    double meanSeconds,
    double medianSeconds,
    double p99Seconds,
    Usage bottleneck,
    List<Usage> centres,
    List<Asymptote> asymptotes,
    boolean overloaded) {

  public Prediction {
    centres = List.copyOf(centres);
    asymptotes =
        asymptotes.stream()
            .sorted(Comparator.comparingDouble(Asymptote::throughputPerSecond))
            .toList();
  }

  /** What the network is offered. */
  public sealed interface Load {}

  /** C clients, each sending its next request as soon as the last is answered. */
  public record Clients(int count) implements Load {}

  /** Requests arriving at a fixed rate whatever the answers. */
  public record Rate(double perSecond) implements Load {}

  /**
   * One centre at this load.
   *
   * @param centre its name, e.g. {@code database pool}
   * @param utilisation X over the centre's asymptote: 1 when it is the ceiling and reached
   * @param waitSeconds what waiting for it adds to the mean response time
   */
  public record Usage(String centre, double utilisation, double waitSeconds) {}

  /** The lowest ceiling, the curve's asymptote at high load; none when nothing takes time. */
  public Asymptote ceiling() {
    return asymptotes.isEmpty()
        ? new Asymptote("none", Double.POSITIVE_INFINITY, "nothing takes time")
        : asymptotes.getFirst();
  }
}
