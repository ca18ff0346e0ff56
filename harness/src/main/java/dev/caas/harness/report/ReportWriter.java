package dev.caas.harness.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caas.harness.bench.BenchReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link BenchReport} three ways, each starting with where it was made: aligned text for
 * the console, Markdown for a results folder or a pull request ({@link ReportModel}, drawn by
 * {@link TextReport} and {@link MarkdownReport}), and JSON for programs ({@link ReportJson}).
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** What the console shows: provenance, the table, the theory and anything not run. */
  public static String text(BenchReport report) {
    return TextReport.render(ReportModel.of(report));
  }

  /** The same as {@link #text(BenchReport)}, as a Markdown document. */
  public static String markdown(BenchReport report) {
    return MarkdownReport.render(ReportModel.of(report));
  }

  /**
   * The report as a JSON tree; see the design's "Commands and machine-readable results" for the
   * fields.
   */
  public static ObjectNode json(BenchReport report) {
    return ReportJson.json(report);
  }

  /** Writes {@link #json(BenchReport)} to {@code file}, creating its folder. */
  public static void writeJson(BenchReport report, Path file) throws IOException {
    ReportJson.write(report, file);
  }

  /** Writes {@link #markdown(BenchReport)} to {@code file}, creating its folder. */
  public static void writeMarkdown(BenchReport report, Path file) throws IOException {
    ReportFiles.createParent(file);
    Files.writeString(file, markdown(report), StandardCharsets.UTF_8);
  }
}
