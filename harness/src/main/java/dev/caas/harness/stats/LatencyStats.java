package dev.caas.harness.stats;

import dev.caas.harness.load.Sample;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The talk's figures (median, mean, standard deviation) and the tail (p90, p99, max) of the
 * successful requests' latencies, in milliseconds. Failed requests are counted as errors, not
 * timed: a fast 503 would otherwise make an overloaded server look quick.
 *
 * <p>Percentiles come from an HdrHistogram that records microseconds with three significant digits,
 * so every figure is within 0.1 % of the exact one, from a millisecond to an hour.
 */
public record LatencyStats(
    long count,
    double medianMs,
    double meanMs,
    double stddevMs,
    double p90Ms,
    double p99Ms,
    double maxMs,
    double minMs) {

  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  /** A histogram of the successful samples' {@link Sample#latencyNanos()}, in microseconds. */
  public static Histogram histogramOf(List<Sample> samples) {
    return histogramOf(samples, Sample::latencyNanos);
  }

  /**
   * A histogram of one duration of the successful samples, e.g. {@link Sample#serviceNanos()}, in
   * microseconds.
   */
  public static Histogram histogramOf(List<Sample> samples, ToLongFunction<Sample> nanos) {
    var histogram = new Histogram(HIGHEST_MICROS, 3);
    for (Sample sample : samples) {
      if (sample.ok()) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos.applyAsLong(sample)));
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
      }
    }
    return histogram;
  }

  public static LatencyStats of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencyStats(
          0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new LatencyStats(
        micros.getTotalCount(),
        ms(micros.getValueAtPercentile(50)),
        micros.getMean() / 1000,
        micros.getStdDeviation() / 1000,
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getMaxValue()),
        ms(micros.getMinValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
