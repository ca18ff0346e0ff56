package dev.caas.harness.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bootstrap: how much a figure would move if the same run were measured again.
 *
 * <p>A run's requests are one sample of what the code does. Drawing as many requests again from
 * them, with replacement, and recomputing the figure, many times, shows how far chance alone moves
 * it. For a ratio of two runs, each side is resampled on its own and the ratio taken per pair of
 * resamples; the middle 95 % of those ratios is the 95 % confidence interval (the percentile
 * bootstrap). It assumes nothing about the shape of the latencies, which is why it suits them: they
 * are skewed, bounded below by the injected latency, with a long tail.
 *
 * <h2>Blocks, not single requests</h2>
 *
 * Requests in flight at the same moment are not independent: a garbage collection, or a neighbour's
 * build on a shared machine, delays all of them at once, so a run's slowest requests come in
 * bunches of about C. Drawn one by one, a bunch of ten slow requests is almost always redrawn, the
 * interval comes out too narrow, and two runs of the same code differ "significantly" because one
 * of them met a stall. So the draws are blocks of consecutive requests, as many as were in flight
 * together ({@link RunSamples#blockLength()}), taken around the run as a circle so the first and
 * last requests are as likely as the others (the circular block bootstrap). The interval is then as
 * wide as the run's real repeatability.
 *
 * <p>The random numbers come from a fixed seed, so the same two files always give the same
 * interval.
 */
final class Bootstrap {
  private Bootstrap() {}

  /**
   * {@code resamples} estimates, each from the run's latencies drawn in blocks with replacement.
   *
   * <p>With several repetitions ({@code bench --repeat}) the draw has two levels: first as many
   * runs as there are, with replacement, then each drawn run's requests in blocks. The interval
   * then also covers how much whole runs differ from each other, which one run cannot show.
   *
   * <p>Throughput keeps the run's N̄ (mean requests in flight) and resamples only the latencies:
   * the load is what the workload imposed, the latency is what the code answered it with. See
   * {@link Estimate#of}.
   */
  static Estimate[] resample(RunSamples run, int resamples, SplittableRandom random) {
    return resample(run, run.blockLength(), resamples, random);
  }

  /**
   * The same with blocks of {@code block} values: for values that are not latencies (a step's time
   * above its injected latency), whose sum says nothing of how many requests were in flight.
   */
  static Estimate[] resample(RunSamples run, int block, int resamples, SplittableRandom random) {
    double[] sorted = run.sortedLatencies();
    int[][] positions = run.sortedPositions();
    int runs = positions.length;
    double meanInFlight = run.meanInFlight();
    int[] draws = new int[sorted.length];
    var estimates = new Estimate[resamples];
    for (int b = 0; b < resamples; b++) {
      // How often each latency is drawn; walking the sorted latencies with these counts needs no
      // sort.
      Arrays.fill(draws, 0);
      int total = 0;
      for (int r = 0; r < runs; r++) {
        int[] drawnRun = positions[runs == 1 ? 0 : random.nextInt(runs)];
        int n = drawnRun.length;
        for (int drawn = 0; drawn < n; ) {
          int start = random.nextInt(n);
          for (int k = 0; k < block && drawn < n; k++, drawn++) {
            draws[drawnRun[(start + k) % n]]++;
          }
        }
        total += n;
      }
      estimates[b] = estimate(sorted, draws, total, meanInFlight);
    }
    return estimates;
  }

  /** The figures of a resample given as counts per sorted latency. */
  private static Estimate estimate(double[] sorted, int[] draws, int total, double meanInFlight) {
    if (total == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }
    int medianRank = Estimate.rank(50, total);
    int p99Rank = Estimate.rank(99, total);
    double sum = 0;
    double median = Double.NaN;
    double p99 = Double.NaN;
    int seen = 0;
    for (int i = 0; i < sorted.length; i++) {
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
    return new Estimate(median, p99, meanInFlight / (sum / total) * 1000);
  }

  /**
   * The central {@code confidence} share of the ratios current/baseline of one metric, pairing the
   * i-th resample of each side (they are independent, so any pairing will do).
   */
  static Interval ratioInterval(
      Estimate[] baseline, Estimate[] current, Metric metric, double confidence) {
    int count = Math.min(baseline.length, current.length);
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      ratios[i] = current[i].of(metric) / baseline[i].of(metric);
    }
    return central(ratios, confidence);
  }

  /**
   * The central {@code confidence} share of the ratios {@code current[i] / baseline[i]} of any
   * figure resampled the same number of times on each side.
   */
  static Interval ratioInterval(double[] baseline, double[] current, double confidence) {
    int count = Math.min(baseline.length, current.length);
    double[] ratios = new double[count];
    for (int i = 0; i < count; i++) {
      ratios[i] = current[i] / baseline[i];
    }
    return central(ratios, confidence);
  }

  private static Interval central(double[] values, double confidence) {
    Arrays.sort(values);
    int count = values.length;
    double tail = (1 - confidence) / 2;
    int low = (int) Math.floor(tail * count);
    int high = (int) Math.ceil((1 - tail) * count) - 1;
    return new Interval(
        values[Math.clamp(low, 0, count - 1)], values[Math.clamp(high, 0, count - 1)]);
  }

  /** A confidence interval of a ratio. */
  record Interval(double low, double high) {}
}
