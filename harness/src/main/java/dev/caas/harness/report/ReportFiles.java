package dev.caas.harness.report;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --out DIR}: everything a bench produced, as files: {@code results.json} (every sample),
 * {@code results.md}, {@code results.csv}, {@code report.html} (self-contained), one HdrHistogram
 * interval log per variant and run ({@code *.hlog}) and each chart as {@code *.svg}.
 */
public final class ReportFiles {
  private ReportFiles() {}

  /**
   * Writes them all into {@code folder}, creating it; returns the files written, in a readable
   * order.
   */
  public static List<Path> write(BenchReport report, Path folder) throws IOException {
    Files.createDirectories(folder);
    var written = new ArrayList<Path>();
    Path json = folder.resolve("results.json");
    ReportWriter.writeJson(report, json);
    written.add(json);
    Path markdown = folder.resolve("results.md");
    ReportWriter.writeMarkdown(report, markdown);
    written.add(markdown);
    written.add(
        Files.writeString(
            folder.resolve("results.csv"), CsvReport.of(report), StandardCharsets.UTF_8));

    List<ChartSvg> charts = Charts.of(report);
    Map<String, List<ChartSvg>> waterfalls = HtmlReport.waterfallCharts(report);
    written.add(
        Files.writeString(
            folder.resolve("report.html"),
            HtmlReport.of(report, charts, waterfalls),
            StandardCharsets.UTF_8));
    var svgs = new ArrayList<>(charts);
    waterfalls.values().forEach(svgs::addAll);
    for (ChartSvg chart : svgs) {
      written.add(
          Files.writeString(
              folder.resolve(chart.name() + ".svg"), chart.document(), StandardCharsets.UTF_8));
    }
    boolean severalPoints = report.points().size() > 1;
    boolean severalRuns = report.config().repeat() > 1;
    for (RunResult run : report.runs()) {
      Path hlog = folder.resolve(IntervalLog.fileName(run, severalPoints, severalRuns));
      IntervalLog.write(run, report.pointOf(run).describe(), hlog);
      written.add(hlog);
    }
    return written;
  }

  /** Creates the folder {@code file} goes into. */
  static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
