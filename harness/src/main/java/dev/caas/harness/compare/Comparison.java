package dev.caas.harness.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A current bench against a baseline: per variant in both, one {@link Row} per {@link Metric}.
 *
 * <h2>What is resampled</h2>
 *
 * Median and p99 come from the successful requests' latencies, resampled as they are. Throughput is
 * not a per-request figure, and resampling the gaps between completions would be wrong for a closed
 * loop, whose ten clients finish in bursts: the gaps are not independent, and the interval would
 * come out several times too wide. Instead throughput is read through Little's law, X = N̄ / R̄:
 * N̄, the mean number of requests in flight (summed latencies over the run's duration), is the load
 * the workload held, C for a closed loop of C clients; R̄, the mean latency, is what the code made
 * of it. N̄ is held fixed and R̄ resampled. The point estimate is then exactly the bench's {@code
 * ok / duration}, and the interval is that of the mean latency. For an open loop, N̄ itself grows
 * with latency while the throughput stays at the arrival rate; holding it fixed then makes the
 * interval wider than it need be, never narrower, so a regression is not invented.
 *
 * @param onlyInBaseline variants (at a point) the baseline measured and the current did not (not
 *     compared)
 * @param onlyInCurrent variants (at a point) the current measured and the baseline did not (not
 *     compared)
 * @param scenarioDifferences the settings that differ, e.g. {@code concurrency 10 → 20}: then the
 *     ratios compare two experiments, not two versions of the code
 * @param notes what else a reader should know: failed requests, small samples
 */
public record Comparison(
    ResultsFile baseline,
    ResultsFile current,
    Settings settings,
    List<Row> rows,
    List<String> onlyInBaseline,
    List<String> onlyInCurrent,
    List<String> scenarioDifferences,
    List<String> notes) {

  /** Below this many successful requests the (nearest-rank) p99 is the slowest request: say so. */
  private static final int FEW_FOR_P99 = 100;

  public Comparison {
    rows = List.copyOf(rows);
    onlyInBaseline = List.copyOf(onlyInBaseline);
    onlyInCurrent = List.copyOf(onlyInCurrent);
    scenarioDifferences = List.copyOf(scenarioDifferences);
    notes = List.copyOf(notes);
  }

  /**
   * How to judge.
   *
   * @param threshold the smallest relative change that counts as slower or faster, e.g. 0.05 for 5
   *     %
   * @param confidence of the interval, e.g. 0.95
   * @param resamples bootstrap resamples per run, e.g. 2,000
   * @param seed of the resampling, so the same files give the same report
   */
  public record Settings(double threshold, double confidence, int resamples, long seed) {
    public static final Settings DEFAULT = new Settings(0.05, 0.95, 2000, 1);

    public Settings {
      if (!(threshold >= 0 && threshold < 1)) {
        throw new IllegalArgumentException(
            "the threshold must be at least 0 and below 1 (100 %), not " + threshold);
      }
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException(
            "the confidence must be between 0 and 1, e.g. 0.95, not " + confidence);
      }
      if (resamples < 100) {
        throw new IllegalArgumentException(
            "at least 100 resamples are needed for an interval, not " + resamples);
      }
    }

    public Settings withThreshold(double threshold) {
      return new Settings(threshold, confidence, resamples, seed);
    }
  }

  /**
   * One variant, at one point of the scenario, and one metric.
   *
   * @param point the load and latency, e.g. {@code C=10, upstream 100 ms, postgres 100 ms}
   * @param baseline the baseline's figure, {@code NaN} when it had no successful request
   * @param current the current figure, {@code NaN} when it had no successful request
   * @param ratio current / baseline
   * @param low the lower bound of the ratio's confidence interval
   * @param high its upper bound
   * @param pValue Mann-Whitney U of the two latency distributions, on the median row; {@code NaN}
   *     elsewhere
   */
  public record Row(
      String variant,
      String point,
      Metric metric,
      double baseline,
      double current,
      double ratio,
      double low,
      double high,
      double pValue,
      Verdict verdict) {}

  /**
   * Compares every variant the two files share.
   *
   * @throws IllegalArgumentException when they share none; the message says which variants each one
   *     has
   */
  public static Comparison of(ResultsFile baseline, ResultsFile current, Settings settings) {
    List<ResultsFile.Key> common =
        baseline.keys().stream().filter(current.runs()::containsKey).toList();
    // Name the point beside the variant only when there is more than one.
    boolean severalPoints =
        Stream.concat(baseline.keys().stream(), current.keys().stream())
                .mapToInt(ResultsFile.Key::point)
                .distinct()
                .count()
            > 1;
    List<String> onlyInBaseline = labels(baseline, current, severalPoints);
    List<String> onlyInCurrent = labels(current, baseline, severalPoints);
    if (common.isEmpty()) {
      throw new IllegalArgumentException(
          "no variant in common: the baseline "
              + baseline.file()
              + " has "
              + names(onlyInBaseline)
              + "; the current "
              + current.file()
              + " has "
              + names(onlyInCurrent));
    }
    var rows = new ArrayList<Row>();
    var notes = new ArrayList<String>();
    for (ResultsFile.Key key : common) {
      RunSamples before = baseline.runs().get(key);
      RunSamples after = current.runs().get(key);
      notes.addAll(errorNotes(before, after, severalPoints));
      rows.addAll(rows(before, after, settings));
    }
    boolean fewSamples =
        common.stream()
            .anyMatch(
                key ->
                    baseline.runs().get(key).ok() < FEW_FOR_P99
                        || current.runs().get(key).ok() < FEW_FOR_P99);
    if (fewSamples) {
      notes.add(
          "With fewer than "
              + FEW_FOR_P99
              + " requests the p99 is the slowest one: its interval is wide "
              + "and a change in it is seldom significant. Run more requests (-n) to judge the tail.");
    }
    var differences = scenarioDifferences(baseline.scenario(), current.scenario());
    if (severalPoints) {
      differences.addAll(pointDifferences(baseline, current, common));
    }
    return new Comparison(
        baseline, current, settings, rows, onlyInBaseline, onlyInCurrent, differences, notes);
  }

  /** Several points were compared: rows must say which one they are about. */
  public boolean severalPoints() {
    return rows.stream().map(Row::point).distinct().count() > 1;
  }

  /** At least one row is {@link Verdict#SLOWER}: the exit code of {@code caas compare}. */
  public boolean regressed() {
    return rows.stream().anyMatch(row -> row.verdict() == Verdict.SLOWER);
  }

  public List<Row> rows(Verdict verdict) {
    return rows.stream().filter(row -> row.verdict() == verdict).toList();
  }

  private static List<Row> rows(RunSamples before, RunSamples after, Settings settings) {
    var rows = new ArrayList<Row>();
    if (before.ok() == 0) {
      // Nothing to compare with; the error note says so.
      return rows;
    }
    Estimate was = before.estimate();
    if (after.ok() == 0) {
      // Every request failed: whatever the figures, that is a regression.
      for (Metric metric : Metric.values()) {
        rows.add(
            new Row(
                before.variant(),
                before.point(),
                metric,
                was.of(metric),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Verdict.SLOWER));
      }
      return rows;
    }
    Estimate is = after.estimate();
    // One stream per variant, so adding a variant to a file does not change the other variants'
    // intervals.
    var random =
        new SplittableRandom(
            settings.seed() ^ (before.variant() + " " + before.point()).hashCode());
    Estimate[] wasResampled = Bootstrap.resample(before, settings.resamples(), random);
    Estimate[] isResampled = Bootstrap.resample(after, settings.resamples(), random);
    double pValue = MannWhitney.pValue(before.sortedLatencies(), after.sortedLatencies());
    for (Metric metric : Metric.values()) {
      Bootstrap.Interval interval =
          Bootstrap.ratioInterval(wasResampled, isResampled, metric, settings.confidence());
      rows.add(
          new Row(
              before.variant(),
              before.point(),
              metric,
              was.of(metric),
              is.of(metric),
              is.of(metric) / was.of(metric),
              interval.low(),
              interval.high(),
              metric == Metric.MEDIAN ? pValue : Double.NaN,
              Verdict.of(metric, interval.low(), interval.high(), settings.threshold())));
    }
    return rows;
  }

  private static List<String> errorNotes(
      RunSamples before, RunSamples after, boolean severalPoints) {
    var notes = new ArrayList<String>();
    String variant = before.label(severalPoints);
    if (before.ok() == 0) {
      notes.add(
          variant
              + ": not compared, no request succeeded in the baseline ("
              + before.requests()
              + " requests)");
    } else if (after.ok() == 0) {
      notes.add(
          variant
              + ": no request succeeded in the current run ("
              + after.requests()
              + " requests): slower");
    } else if (before.errors() > 0 || after.errors() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%s: %d of %d requests failed in the baseline, %d of %d in the current;"
                  + " the figures count the successful ones",
              variant,
              before.errors(),
              before.requests(),
              after.errors(),
              after.requests()));
    }
    return notes;
  }

  /**
   * Points at the same place in both scenarios but at different settings, e.g. {@code point 1: C=20
   * → C=40}.
   */
  private static List<String> pointDifferences(
      ResultsFile baseline, ResultsFile current, List<ResultsFile.Key> common) {
    var differences = new ArrayList<String>();
    common.stream()
        .mapToInt(ResultsFile.Key::point)
        .distinct()
        .forEach(
            point -> {
              ResultsFile.Key key =
                  common.stream().filter(k -> k.point() == point).findFirst().orElseThrow();
              String before = baseline.runs().get(key).point();
              String after = current.runs().get(key).point();
              if (!before.equals(after)) {
                differences.add("point " + point + " " + before + " → " + after);
              }
            });
    return differences;
  }

  private static List<String> scenarioDifferences(
      Map<String, String> baseline, Map<String, String> current) {
    var differences = new ArrayList<String>();
    for (var setting : baseline.entrySet()) {
      String now = current.get(setting.getKey());
      if (!Objects.equals(setting.getValue(), now)) {
        differences.add(setting.getKey() + " " + setting.getValue() + " → " + now);
      }
    }
    return differences;
  }

  /** What {@code file} measured that {@code other} did not. */
  private static List<String> labels(ResultsFile file, ResultsFile other, boolean withPoint) {
    return file.keys().stream()
        .filter(key -> !other.runs().containsKey(key))
        .map(key -> file.runs().get(key).label(withPoint))
        .toList();
  }

  private static String names(List<String> labels) {
    return labels.isEmpty() ? "no run" : String.join(", ", labels);
  }
}
