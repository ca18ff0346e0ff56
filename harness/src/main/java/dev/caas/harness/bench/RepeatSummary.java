package dev.caas.harness.bench;

import dev.caas.contract.Variant;
import dev.caas.harness.load.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What {@code --repeat N} adds: per variant and point, the median of the N runs' medians with a 95
 * % confidence interval, and for each variant the difference to the next faster one, so a ranking
 * that the noise could have produced is shown as such.
 *
 * <h2>The interval</h2>
 *
 * Two kinds of noise move a median: the requests of one run (which N requests happened to be slow)
 * and the runs themselves (a JIT decision, a neighbour's job on a shared machine). A two-level
 * bootstrap covers both: draw N runs with replacement, redraw each one's median as if its requests
 * had been resampled, take the median of those medians; 2,000 times. The middle 95 % of the results
 * is the interval.
 *
 * <p>The second level needs no loop over requests: the median of a resample of n sorted latencies
 * is the latency of rank j where the number of draws at or below it, Binomial(n, j / n), first
 * reaches n / 2. That distribution is computed once per run (normal approximation of the binomial,
 * fine from a few dozen requests up) and drawn from by bisection.
 *
 * <h2>The differences</h2>
 *
 * For two variants the same resamples give 2,000 ratios slower / faster; if their 95 % interval
 * contains 1, the two are within noise of each other, however different their medians look.
 *
 * @param groups per point (in order) and variant, the repeated runs' summary
 * @param differences per point, each variant against the next faster one
 */
public record RepeatSummary(List<Group> groups, List<Difference> differences) {
  static final int RESAMPLES = 2_000;
  public static final double CONFIDENCE = 0.95;

  /**
   * @param pointIndex the scenario point the runs measured
   * @param runMedians each run's median latency, in the order they ran
   * @param medianOfMediansMs the figure the report leads with
   * @param lowMs the interval's lower end
   * @param highMs its upper end
   */
  public record Group(
      Variant variant,
      int pointIndex,
      List<Double> runMedians,
      double medianOfMediansMs,
      double lowMs,
      double highMs) {}

  /**
   * @param slower the variant with the larger median of medians
   * @param faster the next faster variant at the same point
   * @param ratio slower / faster, of the medians of medians
   * @param low the interval's lower end
   * @param high its upper end
   */
  public record Difference(
      int pointIndex, Variant slower, Variant faster, double ratio, double low, double high) {
    /** The interval contains 1: the data cannot tell the two apart. */
    public boolean withinNoise() {
      return low <= 1 && 1 <= high;
    }
  }

  /**
   * Summarises the runs by point and variant; groups of one run get an interval from their requests
   * alone.
   */
  public static RepeatSummary of(List<RunResult> runs) {
    var byGroup = new LinkedHashMap<Key, List<RunResult>>();
    runs.stream()
        .sorted(Comparator.comparingInt(RepeatSummary::pointIndex))
        .forEach(
            run ->
                byGroup
                    .computeIfAbsent(
                        new Key(pointIndex(run), run.variant()), k -> new ArrayList<>())
                    .add(run));
    var groups = new ArrayList<Group>();
    var resamples = new LinkedHashMap<Key, double[]>();
    for (var entry : byGroup.entrySet()) {
      List<double[]> latencies =
          entry.getValue().stream()
              .map(RepeatSummary::sortedLatencies)
              .filter(l -> l.length > 0)
              .toList();
      if (latencies.isEmpty()) {
        continue;
      }
      // Seeded from the wire name, not the enum's identity hash, so the same runs give the same
      // interval in every JVM.
      Key key = entry.getKey();
      double[] draws =
          resample(
              latencies,
              new SplittableRandom(Objects.hash(key.point(), key.variant().wireName()) + 17L));
      resamples.put(entry.getKey(), draws);
      double[] medians = latencies.stream().mapToDouble(l -> median(l)).toArray();
      groups.add(
          new Group(
              entry.getKey().variant(),
              entry.getKey().point(),
              Arrays.stream(medians).boxed().toList(),
              median(sorted(medians)),
              percentile(draws, (1 - CONFIDENCE) / 2),
              percentile(draws, (1 + CONFIDENCE) / 2)));
    }
    return new RepeatSummary(groups, differences(groups, resamples));
  }

  private record Key(int point, Variant variant) {}

  private static List<Difference> differences(List<Group> groups, Map<Key, double[]> resamples) {
    var differences = new ArrayList<Difference>();
    var byPoint = new LinkedHashMap<Integer, List<Group>>();
    groups.forEach(g -> byPoint.computeIfAbsent(g.pointIndex(), p -> new ArrayList<>()).add(g));
    for (List<Group> atPoint : byPoint.values()) {
      List<Group> ranked =
          atPoint.stream().sorted(Comparator.comparingDouble(Group::medianOfMediansMs)).toList();
      for (int i = 1; i < ranked.size(); i++) {
        Group faster = ranked.get(i - 1);
        Group slower = ranked.get(i);
        double[] a = resamples.get(new Key(slower.pointIndex(), slower.variant()));
        double[] b = resamples.get(new Key(faster.pointIndex(), faster.variant()));
        double[] ratios = new double[a.length];
        for (int r = 0; r < a.length; r++) {
          ratios[r] = a[r] / b[r];
        }
        Arrays.sort(ratios);
        differences.add(
            new Difference(
                slower.pointIndex(),
                slower.variant(),
                faster.variant(),
                slower.medianOfMediansMs() / faster.medianOfMediansMs(),
                percentile(ratios, (1 - CONFIDENCE) / 2),
                percentile(ratios, (1 + CONFIDENCE) / 2)));
      }
    }
    return differences;
  }

  /** {@link #RESAMPLES} medians of medians, sorted, each from N runs drawn with replacement. */
  static double[] resample(List<double[]> runs, SplittableRandom random) {
    List<double[]> rankCdfs = runs.stream().map(RepeatSummary::medianRankCdf).toList();
    double[] draws = new double[RESAMPLES];
    double[] medians = new double[runs.size()];
    for (int b = 0; b < RESAMPLES; b++) {
      for (int i = 0; i < medians.length; i++) {
        int run = random.nextInt(runs.size());
        medians[i] = runs.get(run)[drawRank(rankCdfs.get(run), random.nextDouble())];
      }
      draws[b] = median(sorted(medians));
    }
    Arrays.sort(draws);
    return draws;
  }

  /**
   * cdf[j] = P(the median of a resample of n values is at or below the value of rank j): the
   * probability that Binomial(n, (j + 1) / n) reaches the median's rank, by the normal
   * approximation.
   */
  static double[] medianRankCdf(double[] sorted) {
    int n = sorted.length;
    int medianRank = (n + 1) / 2;
    double[] cdf = new double[n];
    for (int j = 0; j < n; j++) {
      double p = (j + 1.0) / n;
      double sd = Math.sqrt(n * p * (1 - p));
      cdf[j] = sd == 0 ? 1 : 1 - normalCdf((medianRank - 0.5 - n * p) / sd);
    }
    return cdf;
  }

  private static int drawRank(double[] cdf, double u) {
    int low = 0;
    int high = cdf.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cdf[mid] >= u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * Φ(z), from the error function's Abramowitz–Stegun approximation 7.1.26 (error below 1.5e-7).
   */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  }

  private static int pointIndex(RunResult run) {
    return run.point() == null ? 0 : run.point().index();
  }

  private static double[] sortedLatencies(RunResult run) {
    return run.samples().stream()
        .filter(Sample::ok)
        .mapToDouble(s -> s.latencyNanos() / 1e6)
        .sorted()
        .toArray();
  }

  /** The median of sorted values: the middle one, or the mean of the middle two. */
  public static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double percentile(double[] sorted, double fraction) {
    int index = (int) Math.floor(fraction * (sorted.length - 1));
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }
}
