package dev.caas.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The talk's results table, one row per run, extended with the theory and the tail: as aligned text for the
 * console and as a Markdown table. The rows that reproduce one of the talk's attempts say which.
 */
public final class TalkTable {
  public static final List<String> HEADERS = List.of(
      "Variant", "Total Requests", "Median Time", "Avg. Time", "Std. Dev.", "Theory", "Median/Theory",
      "p90", "p99", "Max", "Throughput (rps)", "Theory (rps)", "Errors", "Billed/Served", "Talk");

  /** Columns that hold words, aligned left; the numbers align right. */
  private static final List<String> WORDS = List.of("Variant", "Errors", "Talk");

  private final List<List<String>> rows;

  private TalkTable(List<List<String>> rows) {
    this.rows = rows;
  }

  public static TalkTable of(List<RunResult> runs) {
    return new TalkTable(runs.stream().map(TalkTable::row).toList());
  }

  /** The cells, row by row, in the order of {@link #HEADERS}. */
  public List<List<String>> rows() {
    return rows;
  }

  static List<String> row(RunResult run) {
    LatencyStats latency = run.latency();
    Theory theory = run.theory();
    return List.of(
        run.variant().wireName(),
        Integer.toString(run.requests()),
        Times.format(latency.medianMs()),
        Times.format(latency.meanMs()),
        Times.format(latency.stddevMs()),
        theoryCell(theory),
        ratio(run.medianOverTheory()),
        Times.format(latency.p90Ms()),
        Times.format(latency.p99Ms()),
        Times.format(latency.maxMs()),
        rate(run.throughputRps()),
        theory.applies() ? rate(theory.throughputRps()) : "—",
        errors(run),
        run.billing().billed() + "/" + run.billing().served() + (run.billing().balanced() ? "" : " (mismatch)"),
        run.variant().talkLabel());
  }

  private static String theoryCell(Theory theory) {
    if (!theory.applies()) {
      return "n/a";
    }
    return theory.overloaded() ? "overloaded" : Times.format(theory.medianMs());
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String rate(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String errors(RunResult run) {
    if (run.errors() == 0) {
      return "0";
    }
    return run.errors() + " (" + run.errorKinds().entrySet().stream()
        .map(kind -> kind.getKey() + ": " + kind.getValue())
        .collect(Collectors.joining(", ")) + ")";
  }

  /** Aligned columns separated by two spaces, a rule under the header. */
  public String toText() {
    int[] widths = new int[HEADERS.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = HEADERS.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    var lines = new ArrayList<String>();
    lines.add(line(HEADERS, widths));
    lines.add(line(HEADERS.stream().map(h -> "").toList(), widths).replace(' ', '-'));
    rows.forEach(row -> lines.add(line(row, widths)));
    return lines.stream().map(String::stripTrailing).collect(Collectors.joining("\n")) + "\n";
  }

  private static String line(List<String> cells, int[] widths) {
    var out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        out.append("  ");
      }
      boolean left = WORDS.contains(HEADERS.get(c));
      out.append(left ? pad(cells.get(c), widths[c], true) : pad(cells.get(c), widths[c], false));
    }
    return out.toString();
  }

  private static String pad(String text, int width, boolean left) {
    String spaces = " ".repeat(width - text.length());
    return left ? text + spaces : spaces + text;
  }

  /** A GitHub-flavoured Markdown table, numbers right-aligned. */
  public String toMarkdown() {
    var out = new StringBuilder();
    out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
    out.append('|');
    for (String header : HEADERS) {
      out.append(WORDS.contains(header) ? " --- |" : " ---: |");
    }
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(row.stream().map(TalkTable::escape).collect(Collectors.joining(" | "))).append(" |\n");
    }
    return out.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
