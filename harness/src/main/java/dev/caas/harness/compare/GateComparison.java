package dev.caas.harness.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The A/B gate's judgement: the head build against the base build, measured in turns on the same
 * machine in the same job, one {@link Row} per {@link GateMetric}.
 *
 * <h2>Why the same runner</h2>
 *
 * A baseline made on another machine can only be compared with margins wider than most regressions:
 * a hosted runner is not the reference machine, and a noisy neighbour is not the code. Two builds
 * measured in turns, base, head, head, base, each in a fresh JVM, see the same machine, the same
 * neighbours and the same drift, and what differs between them is the code.
 *
 * <h2>The intervals</h2>
 *
 * Figures made of requests (the overhead, the steps, the throughput, the tail) are resampled as
 * {@link Comparison} resamples a bench: runs drawn with replacement, then each run's requests in
 * blocks of as many as were in flight together, so a stall that delayed a block of requests at once
 * is redrawn or not as a whole ({@link Bootstrap}); the open loop's tail in blocks of the cube root
 * of its requests ({@link #tailBlock}). Figures each JVM gives once (CPU and bytes allocated per
 * request, one counter read at each end of a window; throughput at saturation, which moves from one
 * launch to the next by more than within one) get Welch's t interval over the runs' figures ({@link
 * RunLevelInterval}): with two or three runs a build it is wide, which is honest. The verdict is
 * {@link Verdict#of(boolean, double, double, double)}: slower only when the whole interval of the
 * ratio head/base lies beyond the threshold.
 *
 * @param variant the variant both builds ran, e.g. {@code sync-sequential}
 * @param baseRuns how many JVMs of the base build were measured
 * @param headRuns how many of the head build
 * @param notes what else a reader should know: failed requests, metrics that could not be measured
 */
public record GateComparison(
    String variant,
    Comparison.Settings settings,
    List<Row> rows,
    int baseRuns,
    int headRuns,
    List<String> notes) {

  public GateComparison {
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /**
   * One metric.
   *
   * @param base the base build's figure, its runs pooled
   * @param head the head build's
   * @param ratio head / base
   * @param low the lower bound of the ratio's confidence interval
   * @param high its upper bound
   * @param change the change in a reader's words, e.g. {@code +1.02 ms CPU per request in the
   *     variant}; empty when the verdict is same
   */
  public record Row(
      GateMetric metric,
      double base,
      double head,
      double ratio,
      double low,
      double high,
      Verdict verdict,
      String change) {}

  /**
   * Judges the head runs against the base runs of one variant.
   *
   * @throws IllegalArgumentException when either build has no run
   */
  public static GateComparison of(
      String variant, List<GateRun> runs, Comparison.Settings settings) {
    List<GateRun> base = runs.stream().filter(r -> r.build().equals(GateRun.BASE)).toList();
    List<GateRun> head = runs.stream().filter(r -> r.build().equals(GateRun.HEAD)).toList();
    if (base.isEmpty() || head.isEmpty()) {
      throw new IllegalArgumentException(
          variant
              + ": an A/B comparison needs runs of both builds; base has "
              + base.size()
              + " and head has "
              + head.size());
    }
    var rows = new ArrayList<Row>();
    var notes = new ArrayList<String>();
    for (GateMetric metric : GateMetric.values()) {
      Optional<String> notJudged = whyNotJudged(metric, base, head);
      if (notJudged.isPresent()) {
        notes.add(metric.label() + ": " + notJudged.get() + ", not judged");
        continue;
      }
      double was = pooled(base, metric);
      double is = pooled(head, metric);
      Bootstrap.Interval interval = interval(metric, base, head, settings, variant);
      Verdict verdict =
          Verdict.of(
              metric.higherIsBetter(), interval.low(), interval.high(), settings.threshold());
      rows.add(
          new Row(
              metric,
              was,
              is,
              is / was,
              interval.low(),
              interval.high(),
              verdict,
              verdict == Verdict.SAME ? "" : metric.describeChange(was, is)));
    }
    for (String build : List.of(GateRun.BASE, GateRun.HEAD)) {
      int failed =
          runs.stream()
              .filter(r -> r.build().equals(build))
              .mapToInt(r -> failed(r.saturation()) + failed(r.atLatency()) + failed(r.openLoop()))
              .sum();
      if (failed > 0) {
        notes.add(
            build + ": " + failed + " requests failed; the figures count the successful ones");
      }
    }
    return new GateComparison(variant, settings, rows, base.size(), head.size(), notes);
  }

  /**
   * The fewest successful open-loop requests per build for its p99 to be judged: 500 puts five
   * requests above it. From fewer, the p99 is one or two requests of each run, and an identical
   * build on a busy machine was called three times slower (a clean-clone run of the test command).
   */
  static final int TAIL_MINIMUM = 500;

  /** Why a metric cannot be judged from these runs; empty when it can. */
  private static Optional<String> whyNotJudged(
      GateMetric metric, List<GateRun> base, List<GateRun> head) {
    if (!measured(base, metric) || !measured(head, metric)) {
      return Optional.of("not measured in every run");
    }
    if (metric == GateMetric.TAIL
        && Math.min(samples(base, GateRun::openLoop).ok(), samples(head, GateRun::openLoop).ok())
            < TAIL_MINIMUM) {
      return Optional.of(
          "fewer than "
              + TAIL_MINIMUM
              + " requests per build, so fewer than "
              + TAIL_MINIMUM / 100
              + " above the p99: reported by the runs");
    }
    return Optional.empty();
  }

  /** At least one row is slower: the gate fails. */
  public boolean regressed() {
    return rows.stream().anyMatch(row -> row.verdict() == Verdict.SLOWER);
  }

  /** The rows with this verdict. */
  public List<Row> rows(Verdict verdict) {
    return rows.stream().filter(row -> row.verdict() == verdict).toList();
  }

  /**
   * {@code +1.02 ms CPU per request in the variant; throughput at saturation −28 %}, or {@code no
   * change beyond the noise}.
   */
  public String whatChanged() {
    List<String> changes =
        rows.stream().filter(row -> row.verdict() != Verdict.SAME).map(Row::change).toList();
    return changes.isEmpty() ? "no change beyond the noise" : String.join("; ", changes);
  }

  /** The statistics of one repetition's own requests. */
  static Estimate estimate(RunSamples.Repetition repetition) {
    return RunSamples.once("", "", repetition.okLatenciesMs(), repetition.durationMs(), 0)
        .estimate();
  }

  private static boolean measured(List<GateRun> runs, GateMetric metric) {
    return runs.stream().allMatch(run -> Double.isFinite(run.figure(metric)));
  }

  private static int failed(RunSamples.Repetition repetition) {
    return repetition.requests() - repetition.okLatenciesMs().length;
  }

  /** The build's runs pooled, as if they were one: what the table prints. */
  private static double pooled(List<GateRun> runs, GateMetric metric) {
    return switch (metric) {
      case OVERHEAD -> samples(runs, GateRun::atLatency).estimate().medianMs() - theory(runs);
      case UPSTREAM_STEP, BILLING_STEP, NAME_STEP ->
          steps(runs, metric.step()).estimate().medianMs();
      case SATURATION -> samples(runs, GateRun::saturation).estimate().throughputRps();
      case TAIL -> samples(runs, GateRun::openLoop).estimate().p99Ms();
      case CPU, ALLOCATION ->
          runs.stream().mapToDouble(r -> r.figure(metric)).average().orElseThrow();
    };
  }

  /**
   * The interval of head/base: for a figure each JVM gives once, from the runs' figures ({@link
   * RunLevelInterval}); for a figure of requests, by the bootstrap.
   */
  private static Bootstrap.Interval interval(
      GateMetric metric,
      List<GateRun> base,
      List<GateRun> head,
      Comparison.Settings settings,
      String variant) {
    if (metric.ofWholeRuns()) {
      return RunLevelInterval.ratio(
          figures(base, metric), figures(head, metric), settings.confidence());
    }
    var random = new SplittableRandom(settings.seed() ^ (variant + " " + metric).hashCode());
    return Bootstrap.ratioInterval(
        resample(base, metric, settings.resamples(), random),
        resample(head, metric, settings.resamples(), random),
        settings.confidence());
  }

  private static double[] figures(List<GateRun> runs, GateMetric metric) {
    return runs.stream().mapToDouble(run -> run.figure(metric)).toArray();
  }

  private static double[] resample(
      List<GateRun> runs, GateMetric metric, int resamples, SplittableRandom random) {
    return switch (metric) {
      case OVERHEAD -> {
        double theory = theory(runs);
        yield figures(
            Bootstrap.resample(samples(runs, GateRun::atLatency), resamples, random),
            e -> e.medianMs() - theory);
      }
      case UPSTREAM_STEP, BILLING_STEP, NAME_STEP ->
          figures(
              Bootstrap.resample(
                  steps(runs, metric.step()),
                  runs.getFirst().clientsAtLatency(),
                  resamples,
                  random),
              Estimate::medianMs);
      case TAIL -> {
        RunSamples openLoop = samples(runs, GateRun::openLoop);
        yield figures(
            Bootstrap.resample(openLoop, tailBlock(openLoop), resamples, random), Estimate::p99Ms);
      }
      case CPU, ALLOCATION, SATURATION ->
          throw new IllegalArgumentException(metric + " is judged by run, not resampled");
    };
  }

  /**
   * Blocks for the open loop's tail. Below saturation it holds less than one request in flight on
   * average, so {@link RunSamples#blockLength()} would draw requests one by one; yet a pause of the
   * machine delays every request that arrives during it, a run of neighbours. Blocks of the cube
   * root of a run's requests (the usual length for a block bootstrap of a percentile; 7 of 300)
   * keep such a run together, so one pause in one run is not mistaken for a slower tail.
   */
  static int tailBlock(RunSamples openLoop) {
    int perRun = openLoop.ok() / openLoop.repetitions().size();
    return Math.max(openLoop.blockLength(), (int) Math.round(Math.cbrt(perRun)));
  }

  private static double[] figures(Estimate[] estimates, ToDoubleFunction<Estimate> figure) {
    return Arrays.stream(estimates).mapToDouble(figure).toArray();
  }

  private static double theory(List<GateRun> runs) {
    return runs.getFirst().theoryMs();
  }

  private static RunSamples samples(
      List<GateRun> runs, java.util.function.Function<GateRun, RunSamples.Repetition> point) {
    return new RunSamples("", "", runs.stream().map(point).toList());
  }

  /** A step's excess per request, one repetition per run; the duration is not used. */
  private static RunSamples steps(List<GateRun> runs, String step) {
    return new RunSamples(
        "",
        step,
        runs.stream()
            .map(
                run -> {
                  double[] values = run.stepExcessMs().get(step);
                  return new RunSamples.Repetition(values, Double.NaN, values.length);
                })
            .toList());
  }
}
