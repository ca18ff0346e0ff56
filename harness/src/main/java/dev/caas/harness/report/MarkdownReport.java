package dev.caas.harness.report;

import dev.caas.harness.bench.NotRun;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.report.ReportModel.Block;
import java.util.List;

/** A {@link ReportModel} as a Markdown document: a heading per block, lists for lines. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(ReportModel model) {
    var out = new StringBuilder("# ").append(model.title()).append("\n\n");
    model
        .provenance()
        .forEach(
            (key, value) ->
                out.append("- **").append(key).append("**: ").append(value).append('\n'));
    out.append('\n');
    for (Block block : model.blocks()) {
      switch (block) {
        case ReportModel.Results results ->
            heading(out, "Results").append(results.table().toMarkdown()).append('\n');
        case ReportModel.TheoryNotes theory -> {
          heading(out, "Theory").append(theory.formulas()).append("\n\n");
          for (List<String> note : theory.notes()) {
            out.append("- ").append(note.getFirst()).append('\n');
            note.stream().skip(1).forEach(line -> out.append("  - ").append(line).append('\n'));
          }
          out.append('\n');
        }
        case ReportModel.Section section -> list(heading(out, section.title()), section.lines());
        case ReportModel.Waterfalls waterfalls -> {
          if (!waterfalls.lines().isEmpty()) {
            heading(out, "Waterfalls")
                .append("The median request's Server-Timing; █ while the step runs.\n\n```\n");
            waterfalls.lines().forEach(line -> out.append(line).append('\n'));
            out.append("```\n\n");
          }
        }
        case ReportModel.Faults faults -> {
          FaultMatrix matrix = faults.matrix();
          heading(out, ReportModel.FAULT_MATRIX_TITLE)
              .append(matrix.overviewMarkdown())
              .append('\n');
          heading(out, ReportModel.FAULT_CELLS_TITLE)
              .append(ReportModel.FAULT_CELLS_NOTE)
              .append("\n\n")
              .append(matrix.detailMarkdown())
              .append('\n')
              .append(FaultMatrix.LEGEND)
              .append("\n\n");
        }
        case ReportModel.Failed failed -> list(heading(out, "Failed"), failed.lines());
        case ReportModel.NotStarted notStarted -> {
          heading(out, "Not run");
          notStarted.variants().forEach(notRun -> notRun(out, notRun));
        }
      }
    }
    return out.toString();
  }

  private static StringBuilder heading(StringBuilder out, String title) {
    return out.append("## ").append(title).append("\n\n");
  }

  private static void list(StringBuilder out, List<String> lines) {
    lines.forEach(line -> out.append("- ").append(line).append('\n'));
    out.append('\n');
  }

  /** A failed start quotes the variant's log: the first line is the reason, the rest a block. */
  private static void notRun(StringBuilder out, NotRun notRun) {
    List<String> reason = notRun.reason().lines().toList();
    out.append("- **")
        .append(notRun.variant().wireName())
        .append("** ")
        .append(notRun.skipped() ? "(skipped)" : "(FAILED)")
        .append(": ")
        .append(reason.getFirst())
        .append(notRun.hint().isEmpty() ? "" : "; " + notRun.hint())
        .append('\n');
    if (reason.size() > 1) {
      out.append("\n  ```\n");
      reason.stream().skip(1).forEach(line -> out.append("  ").append(line).append('\n'));
      out.append("  ```\n");
    }
  }
}
