package dev.caas.harness.load;

import java.util.Arrays;
import java.util.List;

/**
 * Did the load generator send what the workload asked for? An open loop that cannot keep its
 * schedule (too few connections, a starved sending thread) measures a gentler load than it reports;
 * wrk2 prints the same check.
 *
 * @param intendedRps the open loop's rate; {@code NaN} for a closed loop, which has no schedule to
 *     keep
 * @param achievedRps requests put on the wire per second, from the first intended start to the last
 *     send (a late first send would otherwise shorten the span and flatter the rate)
 * @param sendLagP50Ms median of (sent − intended start): the time a request waited inside the
 *     generator
 * @param sendLagP99Ms its 99th percentile
 */
public record GeneratorCheck(
    double intendedRps, double achievedRps, double sendLagP50Ms, double sendLagP99Ms) {

  /** An open loop kept its rate if it sent within 5 % of it. */
  public static final double TOLERANCE = 0.05;

  public static GeneratorCheck of(List<Sample> samples, Double intendedRps) {
    if (samples.isEmpty()) {
      return new GeneratorCheck(
          intendedRps == null ? Double.NaN : intendedRps, Double.NaN, Double.NaN, Double.NaN);
    }
    long first = samples.stream().mapToLong(Sample::intendedStartNanos).min().orElseThrow();
    long last = samples.stream().mapToLong(Sample::startNanos).max().orElseThrow();
    double achieved = last > first ? (samples.size() - 1) / ((last - first) / 1e9) : Double.NaN;
    double[] lags =
        samples.stream()
            .mapToDouble(s -> (s.startNanos() - s.intendedStartNanos()) / 1e6)
            .toArray();
    Arrays.sort(lags);
    return new GeneratorCheck(
        intendedRps == null ? Double.NaN : intendedRps,
        achieved,
        percentile(lags, 50),
        percentile(lags, 99));
  }

  /**
   * {@code true} for a closed loop; for an open loop, whether it sent within {@link #TOLERANCE} of
   * its rate.
   */
  public boolean keptUp() {
    return Double.isNaN(intendedRps)
        || Double.isNaN(achievedRps)
        || achievedRps >= intendedRps * (1 - TOLERANCE);
  }

  /** Nearest rank, as HdrHistogram and the reports use. */
  static double percentile(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }
}
