package dev.caas.harness.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap: how much a figure would move if the same run were measured again.
 *
 * <p>A run's requests are one sample of what the code does. Drawing as many requests again from them, with
 * replacement, and recomputing the figure, many times, shows how far chance alone moves it. For a ratio of
 * two runs, each side is resampled on its own and the ratio taken per pair of resamples; the middle 95 % of
 * those ratios is the 95 % confidence interval. It assumes nothing about the shape of the latencies, which
 * is why it suits them: they are skewed, bounded below by the injected latency, with a long tail.
 *
 * <p>The random numbers come from a fixed seed, so the same two files always give the same interval.
 */
final class Bootstrap {
  private Bootstrap() {}

  /**
   * {@code resamples} estimates, each from {@code run.ok()} latencies drawn with replacement from the run's.
   *
   * <p>Throughput keeps the run's N̄ (mean requests in flight) and resamples only the latencies: the load is
   * what the workload imposed, the latency is what the code answered it with. See {@link Estimate#of}.
   */
  static Estimate[] resample(RunSamples run, int resamples, SplittableRandom random) {
    double[] sorted = run.sortedLatencies();
    int n = sorted.length;
    double meanInFlight = run.meanInFlight();
    int medianRank = Estimate.rank(50, n);
    int p99Rank = Estimate.rank(99, n);
    int[] draws = new int[n];
    var estimates = new Estimate[resamples];
    for (int b = 0; b < resamples; b++) {
      // How often each latency is drawn; walking the sorted latencies with these counts needs no sort.
      Arrays.fill(draws, 0);
      for (int i = 0; i < n; i++) {
        draws[random.nextInt(n)]++;
      }
      double sum = 0;
      double median = Double.NaN;
      double p99 = Double.NaN;
      int seen = 0;
      for (int i = 0; i < n; i++) {
        if (draws[i] == 0) {
          continue;
        }
        sum += draws[i] * sorted[i];
        seen += draws[i];
        if (Double.isNaN(median) && seen >= medianRank) {
          median = sorted[i];
        }
        if (Double.isNaN(p99) && seen >= p99Rank) {
          p99 = sorted[i];
        }
      }
      estimates[b] = new Estimate(median, p99, meanInFlight / (sum / n) * 1000);
    }
    return estimates;
  }

  /**
   * The central {@code confidence} share of the ratios current/baseline of one metric, pairing the i-th
   * resample of each side (they are independent, so any pairing will do).
   */
  static Interval ratioInterval(Estimate[] baseline, Estimate[] current, Metric metric, double confidence) {
    int count = Math.min(baseline.length, current.length);
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      ratios[i] = current[i].of(metric) / baseline[i].of(metric);
    }
    Arrays.sort(ratios);
    double tail = (1 - confidence) / 2;
    int low = (int) Math.floor(tail * count);
    int high = (int) Math.ceil((1 - tail) * count) - 1;
    return new Interval(ratios[Math.clamp(low, 0, count - 1)], ratios[Math.clamp(high, 0, count - 1)]);
  }

  /** A confidence interval of a ratio. */
  record Interval(double low, double high) {}
}
