package dev.caas.harness.report;

import dev.caas.harness.bench.NotRun;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.report.ReportModel.Block;
import java.util.List;

/** The console's rendering of a {@link ReportModel}: aligned text, two spaces per level. */
final class TextReport {
  private TextReport() {}

  static String render(ReportModel model) {
    var out = new StringBuilder(model.title()).append('\n');
    int width = model.provenance().keySet().stream().mapToInt(String::length).max().orElse(0);
    model
        .provenance()
        .forEach(
            (key, value) ->
                out.append("  ")
                    .append(key)
                    .append(" ".repeat(width - key.length() + 2))
                    .append(value)
                    .append('\n'));
    out.append('\n');
    for (Block block : model.blocks()) {
      switch (block) {
        case ReportModel.Results results -> out.append(results.table().toText()).append('\n');
        case ReportModel.TheoryNotes theory -> {
          out.append("Theory: ").append(theory.formulas()).append('\n');
          for (List<String> note : theory.notes()) {
            out.append("  ").append(note.getFirst()).append('\n');
            note.stream().skip(1).forEach(line -> out.append("      ").append(line).append('\n'));
          }
        }
        case ReportModel.Section section -> {
          out.append('\n').append(section.title()).append(":\n");
          section.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        case ReportModel.Waterfalls waterfalls -> {
          if (!waterfalls.lines().isEmpty()) {
            out.append(
                "\nWaterfalls (the median request's Server-Timing; █ while the step runs):\n");
            waterfalls.lines().forEach(line -> out.append("  ").append(line).append('\n'));
          }
          out.append('\n');
        }
        case ReportModel.Faults faults -> {
          FaultMatrix matrix = faults.matrix();
          out.append(ReportModel.FAULT_MATRIX_TITLE).append(":\n");
          out.append(matrix.overviewText()).append('\n');
          out.append(ReportModel.FAULT_CELLS_TITLE).append(":\n").append(matrix.detailText());
          out.append(ReportModel.FAULT_CELLS_NOTE).append('\n');
          out.append(FaultMatrix.LEGEND).append("\n\n");
        }
        case ReportModel.Failed failed -> {
          out.append("Failed:\n");
          failed.lines().forEach(line -> out.append("  ").append(line).append('\n'));
          out.append('\n');
        }
        case ReportModel.NotStarted notStarted -> {
          out.append("Not run:\n");
          for (NotRun notRun : notStarted.variants()) {
            out.append("  ")
                .append(notRun.variant().wireName())
                .append(notRun.skipped() ? " (skipped): " : " (FAILED): ")
                .append(notRun.reason())
                .append(notRun.hint().isEmpty() ? "" : "; " + notRun.hint())
                .append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
