package dev.caas.harness.report;

import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The steps of a run's median request on a time axis, from its {@code Server-Timing} header ({@code
 * start=} and {@code dur=} of upstream, billing and name, and the total): the picture the talk drew
 * by hand. A sequential request is a staircase of three bars; a gathered one has billing and name
 * side by side.
 *
 * <p>The median request is the successful request whose latency, as the harness measured it, is the
 * median of the run. Its client-side latency is drawn too: the gap between it and the server's
 * total is time spent outside the handler (waiting for a server thread, in the network, in the
 * generator).
 *
 * @param variant whose request it is
 * @param clientMs the request's latency at the harness
 * @param totalMs the server's {@code total}, or {@code NaN} when it sent none
 * @param steps the steps that carried a {@code start=}, in order of start
 */
public record Waterfall(
    Variant variant, double clientMs, double totalMs, List<ServerTiming.Metric> steps) {

  /** Characters of the widest bar on the console. */
  static final int TEXT_WIDTH = 48;

  public Waterfall {
    steps = List.copyOf(steps);
  }

  /**
   * The median request's waterfall, or empty when no successful request carried a readable
   * Server-Timing.
   */
  public static Optional<Waterfall> of(RunResult run) {
    List<Sample> timed =
        run.samples().stream()
            .filter(Sample::ok)
            .filter(s -> !steps(s).isEmpty())
            .sorted(Comparator.comparingLong(Sample::latencyNanos))
            .toList();
    if (timed.isEmpty()) {
      return Optional.empty();
    }
    Sample median = timed.get((timed.size() - 1) / 2);
    List<ServerTiming.Metric> metrics = ServerTiming.parse(median.serverTiming());
    ServerTiming.Metric total = ServerTiming.find(metrics, ServerTiming.TOTAL);
    return Optional.of(
        new Waterfall(
            run.variant(),
            median.latencyNanos() / 1e6,
            total == null ? Double.NaN : total.durationMs(),
            steps(median)));
  }

  private static List<ServerTiming.Metric> steps(Sample sample) {
    try {
      return ServerTiming.parse(sample.serverTiming()).stream()
          .filter(ServerTiming.Metric::hasStart)
          .sorted(Comparator.comparingDouble(ServerTiming.Metric::startMs))
          .toList();
    } catch (IllegalArgumentException unreadable) {
      return List.of();
    }
  }

  /**
   * Where the drawing ends: the latest of the client's latency, the total and the last step's end.
   */
  public double spanMs() {
    double span = Math.max(clientMs, Double.isNaN(totalMs) ? 0 : totalMs);
    for (ServerTiming.Metric step : steps) {
      span = Math.max(span, step.endMs());
    }
    return span;
  }

  /**
   * The waterfall as console lines, {@code upstream ████████░░░░░░ 0–100 ms}, on a time axis of
   * {@code axisMs} (pass the largest {@link #spanMs()} of the runs shown together, so their bars
   * compare).
   */
  public List<String> toText(double axisMs) {
    var lines = new ArrayList<String>();
    lines.add(
        variant.wireName()
            + ": median request, "
            + Millis.format(clientMs)
            + " at the client"
            + (Double.isNaN(totalMs) ? "" : ", " + Millis.format(totalMs) + " in the server"));
    for (ServerTiming.Metric step : steps) {
      lines.add(
          row(step.name(), step.startMs(), step.endMs(), axisMs)
              + String.format(
                  Locale.ROOT,
                  "  %s–%s",
                  Millis.format(step.startMs()),
                  Millis.format(step.endMs())));
    }
    if (!Double.isNaN(totalMs)) {
      lines.add(row(ServerTiming.TOTAL, 0, totalMs, axisMs) + "  " + Millis.format(totalMs));
    }
    lines.add(row("client", 0, clientMs, axisMs) + "  " + Millis.format(clientMs));
    return lines;
  }

  private static String row(String name, double fromMs, double toMs, double axisMs) {
    int from = cell(fromMs, axisMs);
    int to = Math.max(from + 1, cell(toMs, axisMs));
    return String.format(Locale.ROOT, "  %-9s", name)
        + "░".repeat(from)
        + "█".repeat(to - from)
        + "░".repeat(Math.max(0, TEXT_WIDTH - to));
  }

  private static int cell(double ms, double axisMs) {
    return (int) Math.clamp(Math.round(ms / axisMs * TEXT_WIDTH), 0, TEXT_WIDTH);
  }
}
