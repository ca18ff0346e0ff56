package dev.caas.harness.report;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.text.AlignedTable;
import dev.caas.harness.text.Millis;
import dev.caas.harness.theory.QueueingTheory;
import dev.caas.harness.theory.Theory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's results, one row per variant and point (repetitions summarised by their medians, see
 * {@link PointSummary}): what was swept, the measured median and throughput, each beside its theory
 * and their ratio, and the bottleneck the theory names; then the same beside the queueing model's
 * curve (its p99 an upper estimate) with the centre closest to its ceiling and how close (U). Read
 * down a variant's rows to see where its throughput stops growing.
 */
public final class SweepTable implements ReportModel.ResultTable {
  public static final List<String> HEADERS =
      List.of(
          "C",
          "Rate",
          "L upstream",
          "L postgres",
          "Variant",
          "Runs",
          "Requests",
          "Median",
          "Theory",
          "Median/Theory",
          "p99",
          "Throughput (rps)",
          "Theory (rps)",
          "Thr./Theory",
          "Bottleneck",
          "Model median",
          "Median/Model",
          "Model p99",
          "Model (rps)",
          "Thr./Model",
          "Model bottleneck (U)",
          "Errors",
          "Billed/Served");

  /** The columns of words, aligned left. */
  static final List<String> WORDS = List.of("Variant", "Bottleneck", "Model bottleneck (U)");

  private final List<List<String>> rows;

  private SweepTable(List<List<String>> rows) {
    this.rows = rows;
  }

  public static SweepTable of(BenchReport report) {
    var rows = new ArrayList<List<String>>();
    for (PointSummary s : PointSummary.of(report)) {
      InjectedLatency l = s.point().latency();
      Theory t = s.theory();
      QueueingTheory m = s.model();
      rows.add(
          List.of(
              Integer.toString(s.point().concurrency()),
              s.point().ratePerSecond() == null ? "—" : rate(s.point().ratePerSecond()),
              withJitter(l.upstream(), l.upstreamJitter()),
              withJitter(l.postgres(), l.postgresJitter()),
              s.variant().wireName(),
              Integer.toString(s.runs()),
              Integer.toString(s.point().workload().requests()),
              Millis.format(s.medianMs()),
              t.applies()
                  ? Millis.format(t.medianMs()) + (t.overloaded() ? " (overloaded)" : "")
                  : "n/a",
              ratio(s.medianOverTheory()),
              Millis.format(s.p99Ms()),
              rate(s.throughputRps()),
              t.applies() ? rate(t.throughputRps()) : "—",
              ratio(s.throughputOverTheory()),
              t.bottleneck(),
              m.applies() ? Millis.format(m.medianMs()) : "n/a",
              ratio(s.medianOverModel()),
              m.applies() ? Millis.format(m.p99Ms()) : "n/a",
              rate(m.throughputRps()),
              ratio(s.throughputOverModel()),
              m.applies()
                  ? String.format(Locale.ROOT, "%s %.2f", m.bottleneck(), m.utilisation())
                  : "n/a",
              Integer.toString(s.errors()),
              s.billed() + "/" + s.served() + (s.balanced() ? "" : " (mismatch)")));
    }
    return new SweepTable(rows);
  }

  public List<List<String>> rows() {
    return rows;
  }

  @Override
  public String toText() {
    return AlignedTable.text(HEADERS, rows, WORDS);
  }

  @Override
  public String toMarkdown() {
    return AlignedTable.markdown(HEADERS, rows, WORDS);
  }

  private static String withJitter(Duration latency, Duration jitter) {
    String text = Millis.format(InjectedLatency.millis(latency));
    return jitter.isZero() ? text : text + " ± " + Millis.format(InjectedLatency.millis(jitter));
  }

  static String ratio(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "—";
  }

  static String rate(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "—";
  }
}
