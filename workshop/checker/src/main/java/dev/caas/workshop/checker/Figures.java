package dev.caas.workshop.checker;

import dev.caas.contract.ServerTiming;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.Sample;
import dev.caas.harness.report.Waterfall;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's figures of one run, said the way the workshop says them: in units of the injected
 * L.
 */
final class Figures {
  private Figures() {}

  /** {@code 3.0 L} */
  static String inL(double millis, double latencyMs) {
    return String.format(Locale.ROOT, "%.1f L", millis / latencyMs);
  }

  /** {@code 151 ms}, as the harness prints times. */
  static String ms(double millis) {
    return Millis.format(millis);
  }

  /** {@code 1.06×} */
  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /** A figure of an answer file as the attendee wrote it: {@code 15.5}, {@code 20}, no rounding. */
  static String asWritten(double figure) {
    return java.math.BigDecimal.valueOf(figure).stripTrailingZeros().toPlainString();
  }

  /** {@code 74/s} */
  static String rate(double perSecond) {
    return String.format(Locale.ROOT, perSecond < 10 ? "%.1f/s" : "%.0f/s", perSecond);
  }

  /**
   * {@code upstream 1.0 L, billing 2.0 L, name 2.0 L}, from the run's Server-Timing step medians.
   */
  static String stepMedians(RunResult run, double latencyMs) {
    var parts = new ArrayList<String>();
    for (Map.Entry<String, Double> step : run.stepMediansMs().entrySet()) {
      if (!step.getKey().equals(ServerTiming.TOTAL)) {
        parts.add(
            step.getKey()
                + " "
                + inL(step.getValue(), latencyMs)
                + " ("
                + ms(step.getValue())
                + ")");
      }
    }
    return String.join(", ", parts);
  }

  /** One step's median duration, or {@code NaN} when no request timed it. */
  static double stepMedian(RunResult run, String step) {
    return run.stepMediansMs().getOrDefault(step, Double.NaN);
  }

  /** The median request's waterfall as the harness prints it on the console, or nothing. */
  static List<String> waterfall(RunResult run) {
    return Waterfall.of(run).map(w -> w.toText(w.spanMs())).orElse(List.of());
  }

  /** A step of the median request (its start and end), when it was timed. */
  static Optional<ServerTiming.Metric> medianRequestStep(RunResult run, String step) {
    return Waterfall.of(run)
        .flatMap(w -> w.steps().stream().filter(m -> m.name().equals(step)).findFirst());
  }

  /** {@code 50–101 ms} */
  static String span(ServerTiming.Metric step) {
    return String.format(Locale.ROOT, "%.0f–%.0f ms", step.startMs(), step.endMs());
  }

  /**
   * Whether billing and name ran side by side in a request: they overlapped for at least half of
   * the shorter one. Sequential steps touch at most at a rounding of the header's tenths of a
   * millisecond.
   */
  static boolean sideBySide(Sample sample) {
    List<ServerTiming.Metric> metrics;
    try {
      metrics = ServerTiming.parse(sample.serverTiming());
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
    ServerTiming.Metric billing = ServerTiming.find(metrics, "billing");
    ServerTiming.Metric name = ServerTiming.find(metrics, "name");
    if (billing == null || name == null || !billing.hasStart() || !name.hasStart()) {
      return false;
    }
    double overlap =
        Math.min(billing.endMs(), name.endMs()) - Math.max(billing.startMs(), name.startMs());
    return overlap >= 0.5 * Math.min(billing.durationMs(), name.durationMs());
  }

  /** {@code 503 ×2, timeout ×1} */
  static String errorKinds(RunResult run) {
    var parts = new ArrayList<String>();
    run.errorKinds().forEach((kind, count) -> parts.add(kind + " ×" + count));
    return String.join(", ", parts);
  }
}
