package dev.caas.harness.report;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.GeneratorCeiling;
import dev.caas.harness.bench.RepeatSummary;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.load.GeneratorCheck;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.report.ReportModel.Section;
import dev.caas.harness.stats.ErrorSummary;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a report that appear only when they have something to say, each as a title and
 * lines, so the console, Markdown and HTML show the same words: repeated runs' medians of medians,
 * the open loop's schedule and its uncorrected latency, the generator's calibration flags; and the
 * console's waterfalls.
 */
final class ReportSections {
  private ReportSections() {}

  static List<Section> of(BenchReport report) {
    var sections = new ArrayList<Section>();
    TheoryFit.section(report).ifPresent(sections::add);
    costs(report).ifPresent(sections::add);
    waitingCosts(report).ifPresent(sections::add);
    repeated(report).ifPresent(sections::add);
    errors(report).ifPresent(sections::add);
    openLoop(report).ifPresent(sections::add);
    sections.add(generator(report));
    return sections;
  }

  /**
   * For metered runs: per run, CPU per request of each process and the variant JVM's memory,
   * threads, GC and JIT over the measured window; then the notes on what the roles mean.
   */
  static Optional<Section> costs(BenchReport report) {
    List<CostSummary.Metered> metered = CostSummary.metered(report);
    if (metered.isEmpty()) {
      return Optional.empty();
    }
    var lines = new ArrayList<String>();
    for (CostSummary.Metered m : metered) {
      List<String> described = m.costs().describe();
      lines.add(m.label() + ": " + described.getFirst());
      described.stream().skip(1).forEach(line -> lines.add("  " + line));
    }
    metered.stream()
        .flatMap(m -> m.costs().notes().stream())
        .distinct()
        .forEach(note -> lines.add("Note: " + note));
    return Optional.of(new Section("Costs over the measured window", lines));
  }

  /**
   * For a sweep with plateau samples: per variant, bytes per waiting request predicted and measured
   * (the slopes of heap after GC and RSS against requests in flight), with what a gap means.
   */
  static Optional<Section> waitingCosts(BenchReport report) {
    var fitted = CostSummary.waitingCosts(report);
    if (fitted.isEmpty()) {
      return Optional.empty();
    }
    var lines = new ArrayList<String>();
    fitted.forEach(cost -> lines.addAll(cost.describe()));
    return Optional.of(new Section("What a waiting request costs, predicted and measured", lines));
  }

  /**
   * With {@code --repeat}: per variant and point the median of medians and its interval, then the
   * rankings.
   */
  static Optional<Section> repeated(BenchReport report) {
    if (report.config().repeat() < 2 || report.runs().isEmpty()) {
      return Optional.empty();
    }
    RepeatSummary summary = RepeatSummary.of(report.runs());
    var lines = new ArrayList<String>();
    boolean several = report.points().size() > 1;
    for (RepeatSummary.Group g : summary.groups()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s%s: median of %d medians %s, 95 %% CI [%s, %s]; runs: %s",
              g.variant().wireName(),
              several ? " at " + report.points().get(g.pointIndex()).describe() : "",
              g.runMedians().size(),
              Millis.format(g.medianOfMediansMs()),
              Millis.format(g.lowMs()),
              Millis.format(g.highMs()),
              String.join(", ", g.runMedians().stream().map(Millis::format).toList())));
    }
    for (RepeatSummary.Difference d : summary.differences()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s / %s%s = %.3f, 95 %% CI [%.3f, %.3f]: %s",
              d.slower().wireName(),
              d.faster().wireName(),
              several ? " at " + report.points().get(d.pointIndex()).describe() : "",
              d.ratio(),
              d.low(),
              d.high(),
              d.withinNoise() ? "within noise, not a difference" : "a real difference"));
    }
    return Optional.of(
        new Section("Repeated runs (two-level bootstrap over runs and requests)", lines));
  }

  /**
   * For runs with errors: each kind ({@code 503}, {@code 504 billing}, {@code timeout}) with how
   * long it took to fail, so a bounded queue's 503s at once read differently from a deadline's 504s
   * or a hang.
   */
  static Optional<Section> errors(BenchReport report) {
    var lines = new ArrayList<String>();
    for (RunResult run : report.runs()) {
      if (run.errors() > 0) {
        lines.add(
            run.variant().wireName()
                + (run.repetition() > 1 ? " #" + run.repetition() : "")
                + (report.points().size() > 1 ? " at " + report.pointOf(run).describe() : "")
                + ": "
                + ErrorSummary.describe(run.samples()));
      }
    }
    return lines.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Section("Errors by kind (time to fail: from sending to the error answer)", lines));
  }

  /**
   * For open-loop runs: the rate achieved, and the latency a generator blind to coordinated
   * omission reports.
   */
  static Optional<Section> openLoop(BenchReport report) {
    var lines = new ArrayList<String>();
    for (RunResult run : report.runs()) {
      GeneratorCheck g = run.generator();
      if (Double.isNaN(g.intendedRps())) {
        continue;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "%s%s: sent %.1f/s of %.1f/s intended (%s), send lag p50 %s, p99 %s; median %s corrected, %s uncorrected;"
                  + " p99 %s corrected, %s uncorrected",
              run.variant().wireName(),
              run.repetition() > 1 ? " #" + run.repetition() : "",
              g.achievedRps(),
              g.intendedRps(),
              g.keptUp() ? "kept up" : "FELL BEHIND: the load was gentler than asked",
              Millis.format(g.sendLagP50Ms()),
              Millis.format(g.sendLagP99Ms()),
              Millis.format(run.latency().medianMs()),
              Millis.format(run.uncorrected().medianMs()),
              Millis.format(run.latency().p99Ms()),
              Millis.format(run.uncorrected().p99Ms())));
    }
    return lines.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Section(
                "Open loop (corrected: from the intended start; uncorrected: from the send)",
                lines));
  }

  /** The calibration, and every run it cannot vouch for. */
  static Section generator(BenchReport report) {
    var lines = new ArrayList<String>();
    lines.add("ceiling: " + GeneratorCeiling.describe(report.calibration()));
    List<String> flags = report.generatorFlags();
    if (report.calibration().isPresent() && flags.isEmpty()) {
      lines.add("every run is within the calibrated ceiling");
    }
    flags.forEach(flag -> lines.add("FLAG " + flag));
    return new Section("Load generator", lines);
  }

  /**
   * The median request of each variant's first run on one time axis: at the first point, where a
   * concurrency sweep has no queue yet, or at a latency sweep's last, where the steps are longest.
   */
  static List<String> textWaterfalls(BenchReport report) {
    List<ScenarioPoint> points = report.points();
    ScenarioPoint shown =
        report.config().scenario() instanceof Scenario.LatencySweep
            ? points.getLast()
            : points.getFirst();
    List<Waterfall> waterfalls = waterfalls(report, shown.index());
    double axis = waterfalls.stream().mapToDouble(Waterfall::spanMs).max().orElse(1);
    var lines = new ArrayList<String>();
    for (Waterfall w : waterfalls) {
      lines.addAll(w.toText(axis));
    }
    return lines;
  }

  /** The waterfalls of the first run of each variant at one point. */
  static List<Waterfall> waterfalls(BenchReport report, int pointIndex) {
    return report.runs().stream()
        .filter(run -> run.repetition() == 1 && report.pointOf(run).index() == pointIndex)
        .map(Waterfall::of)
        .flatMap(Optional::stream)
        .toList();
  }
}
