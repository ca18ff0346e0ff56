package dev.caas.harness.text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Aligned text and Markdown for the report's tables: words align left, numbers right. */
public final class AlignedTable {
  private AlignedTable() {}

  /** Columns separated by two spaces, a rule under the header. */
  public static String text(List<String> headers, List<List<String>> rows, List<String> words) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    var lines = new ArrayList<String>();
    lines.add(line(headers, headers, widths, words));
    lines.add(
        line(headers, headers.stream().map(h -> "").toList(), widths, words).replace(' ', '-'));
    rows.forEach(row -> lines.add(line(headers, row, widths, words)));
    return lines.stream().map(String::stripTrailing).collect(Collectors.joining("\n")) + "\n";
  }

  private static String line(
      List<String> headers, List<String> cells, int[] widths, List<String> words) {
    var out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        out.append("  ");
      }
      String spaces = " ".repeat(widths[c] - cells.get(c).length());
      out.append(words.contains(headers.get(c)) ? cells.get(c) + spaces : spaces + cells.get(c));
    }
    return out.toString();
  }

  /** A GitHub-flavoured Markdown table. */
  public static String markdown(List<String> headers, List<List<String>> rows, List<String> words) {
    var out = new StringBuilder();
    out.append("| ").append(String.join(" | ", headers)).append(" |\n");
    out.append('|');
    for (String header : headers) {
      out.append(words.contains(header) ? " --- |" : " ---: |");
    }
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ")
          .append(
              row.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ")))
          .append(" |\n");
    }
    return out.toString();
  }

  /** An HTML table, numbers right-aligned by the class {@code num}. */
  public static String html(List<String> headers, List<List<String>> rows, List<String> words) {
    // Wide tables (a sweep has sixteen columns) scroll inside the page instead of widening it.
    var out = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr>");
    for (String header : headers) {
      out.append("<th")
          .append(words.contains(header) ? "" : " class=\"num\"")
          .append('>')
          .append(HtmlEscape.escape(header))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        out.append("<td")
            .append(words.contains(headers.get(c)) ? "" : " class=\"num\"")
            .append('>')
            .append(HtmlEscape.escape(row.get(c)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table></div>\n").toString();
  }
}
