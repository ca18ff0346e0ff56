package dev.caas.harness.report;

import dev.caas.harness.bench.RunResult;
import dev.caas.harness.stats.LatencyStats;
import dev.caas.harness.text.AlignedTable;
import dev.caas.harness.text.Millis;
import dev.caas.harness.theory.Theory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The talk's results table, one row per run, extended with the theory and the tail: as aligned text
 * for the console and as a Markdown table. The rows that reproduce one of the talk's attempts say
 * which.
 */
public final class TalkTable implements ReportModel.ResultTable {
  public static final List<String> HEADERS =
      List.of(
          "Variant",
          "Total Requests",
          "Median Time",
          "Avg. Time",
          "Std. Dev.",
          "Theory",
          "Median/Theory",
          "p90",
          "p99",
          "Max",
          "Throughput (rps)",
          "Theory (rps)",
          "Errors",
          "Billed/Served",
          "Talk");

  /** Columns that hold words, aligned left; the numbers align right. */
  private static final List<String> WORDS = List.of("Variant", "Errors", "Talk");

  private final List<List<String>> rows;

  private TalkTable(List<List<String>> rows) {
    this.rows = rows;
  }

  /**
   * One row per run; with repeated runs the variant's name carries the run's number, {@code
   * sync-sequential #2}.
   */
  public static TalkTable of(List<RunResult> runs) {
    boolean repeated = runs.stream().anyMatch(run -> run.repetition() > 1);
    return new TalkTable(runs.stream().map(run -> row(run, repeated)).toList());
  }

  /** The cells, row by row, in the order of {@link #HEADERS}. */
  public List<List<String>> rows() {
    return rows;
  }

  static List<String> row(RunResult run, boolean repeated) {
    LatencyStats latency = run.latency();
    Theory theory = run.theory();
    return List.of(
        run.variant().wireName() + (repeated ? " #" + run.repetition() : ""),
        Integer.toString(run.requests()),
        Millis.format(latency.medianMs()),
        Millis.format(latency.meanMs()),
        Millis.format(latency.stddevMs()),
        theoryCell(theory),
        ratio(run.medianOverTheory()),
        Millis.format(latency.p90Ms()),
        Millis.format(latency.p99Ms()),
        Millis.format(latency.maxMs()),
        rate(run.throughputRps()),
        theory.applies() ? rate(theory.throughputRps()) : "—",
        errors(run),
        run.billing().billed()
            + "/"
            + run.billing().served()
            + (run.billing().balanced() ? "" : " (mismatch)"),
        run.variant().talkLabel());
  }

  private static String theoryCell(Theory theory) {
    if (!theory.applies()) {
      return "n/a";
    }
    return (theory.overloaded() ? "overloaded, " : "") + Millis.format(theory.medianMs());
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String rate(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "—"
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String errors(RunResult run) {
    if (run.errors() == 0) {
      return "0";
    }
    return run.errors()
        + " ("
        + run.errorKinds().entrySet().stream()
            .map(kind -> kind.getKey() + ": " + kind.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** Aligned columns separated by two spaces, a rule under the header. */
  @Override
  public String toText() {
    return AlignedTable.text(HEADERS, rows, WORDS);
  }

  /** A GitHub-flavoured Markdown table, numbers right-aligned. */
  @Override
  public String toMarkdown() {
    return AlignedTable.markdown(HEADERS, rows, WORDS);
  }

  /** An HTML table for the report page. */
  public String toHtml() {
    return AlignedTable.html(HEADERS, rows, WORDS);
  }
}
