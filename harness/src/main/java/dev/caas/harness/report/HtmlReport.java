package dev.caas.harness.report;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.text.AlignedTable;
import dev.caas.harness.text.HtmlEscape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-page report, {@code report.html}: provenance, the talk's table (or the sweep's), the
 * theory, the charts and the waterfalls. Self-contained: the charts are inline SVG and the style is
 * inline CSS, so the file can be mailed, attached to a CI run or opened offline; nothing is
 * fetched.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2rem auto;
             max-width: 1100px; padding: 0 1rem; }
      h1 { font-size: 1.6rem; border-bottom: 3px solid #46a; padding-bottom: .3rem; }
      h2 { font-size: 1.25rem; margin-top: 2.2rem; color: #234; }
      h3 { font-size: 1.05rem; }
      table { border-collapse: collapse; margin: .6rem 0; font-size: 13px; }
      th, td { border: 1px solid #ccd; padding: .25rem .5rem; vertical-align: top; }
      th { background: #eef1f7; text-align: left; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.facts th { width: 12rem; }
      div.scroll { overflow-x: auto; }
      .flag { color: #a30; font-weight: 600; }
      figure { margin: 1rem 0 1.6rem; }
      figcaption { color: #555; font-size: 13px; }
      svg.chart { width: 100%; max-width: 960px; height: auto; display: block; border: 1px solid #eee; }
      pre { background: #f6f6f6; padding: .6rem; overflow-x: auto; font-size: 12px; }
      """;

  private HtmlReport() {}

  /**
   * @param charts from {@link Charts#of(BenchReport)}
   * @param waterfalls per heading (e.g. the point they were measured at), from {@link
   *     Charts#waterfalls}
   */
  public static String of(
      BenchReport report, List<ChartSvg> charts, Map<String, List<ChartSvg>> waterfalls) {
    var out = new StringBuilder();
    String title = "caas bench: " + report.config().scenario().wireName();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(HtmlEscape.escape(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(HtmlEscape.escape(title)).append("</h1>\n");

    out.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table class=\"facts\">\n");
    ReportModel.facts(report)
        .forEach(
            (key, value) ->
                out.append("<tr><th>")
                    .append(HtmlEscape.escape(key))
                    .append("</th><td>")
                    .append(HtmlEscape.escape(value))
                    .append("</td></tr>\n"));
    out.append("</table>\n</section>\n");

    if (!report.runs().isEmpty()) {
      out.append("<section id=\"results\">\n<h2>Results</h2>\n")
          .append(
              ReportModel.severalPoints(report)
                  ? AlignedTable.html(
                      SweepTable.HEADERS, SweepTable.of(report).rows(), SweepTable.WORDS)
                  : TalkTable.of(report.runs()).toHtml())
          .append("</section>\n");
      out.append("<section id=\"theory\">\n<h2>Theory</h2>\n<p>")
          .append(HtmlEscape.escape(ReportModel.THEORY))
          .append("</p>\n<ul>\n");
      for (List<String> note : ReportModel.notes(report)) {
        out.append("<li>").append(HtmlEscape.escape(note.getFirst()));
        if (note.size() > 1) {
          out.append("<ul>");
          note.stream()
              .skip(1)
              .forEach(line -> out.append("<li>").append(HtmlEscape.escape(line)).append("</li>"));
          out.append("</ul>");
        }
        out.append("</li>\n");
      }
      out.append("</ul>\n</section>\n");
      for (ReportModel.Section section : ReportSections.of(report)) {
        out.append("<section>\n<h2>")
            .append(HtmlEscape.escape(section.title()))
            .append("</h2>\n<ul>\n");
        for (String line : section.lines()) {
          boolean flag = line.startsWith("FLAG ");
          out.append(flag ? "<li class=\"flag\">" : "<li>")
              .append(HtmlEscape.escape(line))
              .append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
      }
      out.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
      charts.forEach(chart -> figure(out, chart));
      out.append("</section>\n");
      out.append(
          "<section id=\"waterfalls\">\n<h2>Waterfalls</h2>\n<p>Each variant's median request, from its "
              + "<code>Server-Timing</code> header (<code>start=</code> and <code>dur=</code> of each step), on one time "
              + "axis: a sequential request is a staircase, a gathered one runs billing and name side by side. The "
              + "client bar is the latency the harness measured; the gap to the server's total is time outside the "
              + "handler.</p>\n");
      waterfalls.forEach(
          (heading, figures) -> {
            if (waterfalls.size() > 1) {
              out.append("<h3>").append(HtmlEscape.escape(heading)).append("</h3>\n");
            }
            figures.forEach(chart -> figure(out, chart));
          });
      out.append("</section>\n");
    }
    if (!report.faultRuns().isEmpty()) {
      FaultMatrix matrix = FaultMatrix.of(report.faultRuns());
      out.append("<section id=\"faults\">\n<h2>")
          .append(HtmlEscape.escape(ReportModel.FAULT_MATRIX_TITLE))
          .append("</h2>\n")
          .append(matrix.overviewHtml())
          .append("<h3>")
          .append(ReportModel.FAULT_CELLS_TITLE)
          .append("</h3>\n<p>")
          .append(HtmlEscape.escape(ReportModel.FAULT_CELLS_NOTE))
          .append("</p>\n")
          .append(matrix.detailHtml())
          .append("<p>")
          .append(HtmlEscape.escape(FaultMatrix.LEGEND))
          .append("</p>\n</section>\n");
    }
    List<String> failures = report.failures();
    if (!failures.isEmpty()) {
      out.append("<section id=\"failed\">\n<h2>Failed</h2>\n<ul>\n");
      failures.forEach(
          line ->
              out.append("<li class=\"flag\">").append(HtmlEscape.escape(line)).append("</li>\n"));
      out.append("</ul>\n</section>\n");
    }
    if (!report.notRun().isEmpty()) {
      out.append("<section id=\"not-run\">\n<h2>Not run</h2>\n<ul>\n");
      for (NotRun notRun : report.notRun()) {
        List<String> reason = notRun.reason().lines().toList();
        out.append("<li><strong>")
            .append(HtmlEscape.escape(notRun.variant().wireName()))
            .append("</strong> ")
            .append(notRun.skipped() ? "(skipped)" : "<span class=\"flag\">(FAILED)</span>")
            .append(": ")
            .append(HtmlEscape.escape(reason.isEmpty() ? "" : reason.getFirst()))
            .append(HtmlEscape.escape(notRun.hint().isEmpty() ? "" : "; " + notRun.hint()));
        if (reason.size() > 1) {
          out.append("<pre>")
              .append(HtmlEscape.escape(String.join("\n", reason.subList(1, reason.size()))))
              .append("</pre>");
        }
        out.append("</li>\n");
      }
      out.append("</ul>\n</section>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static void figure(StringBuilder out, ChartSvg chart) {
    out.append("<figure id=\"")
        .append(HtmlEscape.escape(chart.name()))
        .append("\">\n")
        .append(chart.inline())
        .append('\n')
        .append("<figcaption>")
        .append(HtmlEscape.escape(chart.title()))
        .append(" (")
        .append(HtmlEscape.escape(chart.name()))
        .append(".svg)</figcaption>\n</figure>\n");
  }

  /**
   * The waterfall charts the report shows: the first point's, and in a sweep the last point's too.
   */
  public static Map<String, List<ChartSvg>> waterfallCharts(BenchReport report) {
    var byHeading = new LinkedHashMap<String, List<ChartSvg>>();
    List<ScenarioPoint> points = report.points();
    var shown = new ArrayList<ScenarioPoint>(List.of(points.getFirst()));
    if (points.size() > 1) {
      shown.add(points.getLast());
    }
    for (ScenarioPoint point : shown) {
      List<Waterfall> waterfalls = ReportSections.waterfalls(report, point.index());
      if (!waterfalls.isEmpty()) {
        String suffix = points.size() > 1 ? "-point" + (point.index() + 1) : "";
        byHeading.put("At " + point.describe(), Charts.waterfalls(waterfalls, suffix));
      }
    }
    return byHeading;
  }
}
