package dev.caas.harness.compare;

/**
 * The three figures {@code compare} judges, from one set of latencies: the run's own, or one
 * bootstrap resample of it.
 *
 * @param medianMs the 50th percentile of the successful latencies
 * @param p99Ms the 99th percentile
 * @param throughputRps successful requests per second, N̄ / mean latency (see {@link #of})
 */
public record Estimate(double medianMs, double p99Ms, double throughputRps) {

  /**
   * The figures of {@code sortedMs}.
   *
   * <p>Percentiles are nearest-rank, the value with at least p % of the samples at or below it, as
   * HdrHistogram reports them in the bench (which adds at most 0.1 % of bucket rounding).
   *
   * <p>Throughput uses Little's law, X = N̄ / R̄: the mean number of requests in flight over their
   * mean latency. With N̄ the run's own (its summed latencies over its duration) this is exactly
   * the bench's {@code ok / duration}; {@code compare} holds N̄ fixed and resamples the latencies,
   * see {@link Comparison}.
   *
   * @param sortedMs successful latencies in milliseconds, sorted ascending, at least one
   * @param meanInFlight N̄, the mean number of successful requests in flight during the run
   */
  public static Estimate of(double[] sortedMs, double meanInFlight) {
    if (sortedMs.length == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double latency : sortedMs) {
      sum += latency;
    }
    double meanMs = sum / sortedMs.length;
    return new Estimate(
        percentile(sortedMs, 50), percentile(sortedMs, 99), meanInFlight / meanMs * 1000);
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest with at least {@code percent} % at
   * or below.
   */
  static double percentile(double[] sorted, double percent) {
    return sorted[rank(percent, sorted.length) - 1];
  }

  /** The 1-based rank of the nearest-rank percentile among {@code count} values. */
  static int rank(double percent, int count) {
    return Math.clamp((long) Math.ceil(percent / 100 * count), 1, count);
  }

  /** The figure for one metric. */
  public double of(Metric metric) {
    return switch (metric) {
      case MEDIAN -> medianMs;
      case P99 -> p99Ms;
      case THROUGHPUT -> throughputRps;
    };
  }
}
