package dev.caas.harness.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the A/B gate's judgement for a reviewer: Markdown that leads with the verdict and what
 * changed, then one table per variant (a row per metric: both figures, the ratio, its interval, the
 * verdict and the change in words), and a small SVG of every run's figure, base against head, so a
 * reader sees whether the two builds' runs overlap or stand apart.
 */
public final class GateWriter {
  private static final int WIDTH = 720;
  private static final int LABEL_WIDTH = 200;
  private static final int ROW_HEIGHT = 30;
  private static final int TOP = 34;

  private GateWriter() {}

  /**
   * The Markdown report.
   *
   * @param chart the SVG's file name, relative to the Markdown's folder, or {@code null} for none
   */
  public static String markdown(GateFile file, GateComparison gate, String chart) {
    var out = new StringBuilder();
    out.append("## caas ab: ")
        .append(gate.regressed() ? "regression in " : "no regression in ")
        .append(gate.variant())
        .append("\n\n");
    out.append("**What changed**: ").append(gate.whatChanged()).append(".\n\n");
    out.append("| | |\n|---|---|\n");
    file.facts()
        .forEach(
            (key, value) ->
                out.append("| ")
                    .append(key)
                    .append(" | ")
                    .append(CompareWriter.cell(value))
                    .append(" |\n"));
    out.append('\n');
    String level = CompareWriter.plain(gate.settings().confidence() * 100) + " % CI";
    out.append("### ")
        .append(gate.variant())
        .append(": head against base, same runner, in turns (")
        .append(gate.baseRuns())
        .append(" + ")
        .append(gate.headRuns())
        .append(" JVMs)\n\n");
    out.append("| metric | measured | base | head | ratio | ")
        .append(level)
        .append(" | verdict | what changed |\n");
    out.append("|---|---|---:|---:|---:|---:|---|---|\n");
    for (GateComparison.Row row : gate.rows()) {
      GateMetric metric = row.metric();
      List<String> cells =
          List.of(
              metric.label(),
              metric.howMeasured(),
              metric.format(row.base()),
              metric.format(row.head()),
              CompareWriter.ratio(row.ratio()),
              CompareWriter.ratio(row.low()) + "–" + CompareWriter.ratio(row.high()),
              row.verdict().markdown(),
              row.change());
      out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    out.append('\n');
    if (chart != null) {
      out.append("![every run's figure, base and head](").append(chart).append(")\n\n");
    }
    gate.notes().forEach(note -> out.append("- ").append(note).append('\n'));
    if (!gate.notes().isEmpty()) {
      out.append('\n');
    }
    out.append(method(gate.settings())).append('\n');
    return out.toString();
  }

  /**
   * Every run's figure of every metric as a ratio to the base build's pooled figure: base's runs in
   * blue, head's in orange, the interval of head/base as a bar, the threshold as dashed lines.
   */
  public static String svg(GateFile file, GateComparison gate) {
    List<GateComparison.Row> rows = gate.rows();
    double threshold = gate.settings().threshold();
    double low = 1 - 2 * threshold;
    double high = 1 + 2 * threshold;
    for (GateComparison.Row row : rows) {
      low = Math.min(low, row.low());
      high = Math.max(high, row.high());
      for (GateRun run : file.runs()) {
        double ratio = run.figure(row.metric()) / row.base();
        if (Double.isFinite(ratio)) {
          low = Math.min(low, ratio);
          high = Math.max(high, ratio);
        }
      }
    }
    low = Math.max(0, low - 0.05);
    high = high + 0.05;
    int height = TOP + rows.size() * ROW_HEIGHT + 30;
    var svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                height))
        .append("<title>")
        .append(escape(gate.variant()))
        .append(": each run's figure / base's pooled figure</title>\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"16\">%s: each run / base (blue: base, orange: head, bar:"
                    + " %s %% CI of head / base)</text>\n",
                8,
                escape(gate.variant()),
                CompareWriter.plain(gate.settings().confidence() * 100)));
    for (double mark : new double[] {1 - threshold, 1, 1 + threshold}) {
      double x = x(mark, low, high);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"%s/>\n"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
              x,
              TOP - 8,
              x,
              TOP + rows.size() * ROW_HEIGHT,
              mark == 1 ? "" : " stroke-dasharray=\"4 3\"",
              x,
              TOP + rows.size() * ROW_HEIGHT + 16,
              CompareWriter.plain(mark)));
    }
    for (int i = 0; i < rows.size(); i++) {
      GateComparison.Row row = rows.get(i);
      int y = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"8\" y=\"%d\">%s</text>\n",
              y + 4,
              escape(
                  row.metric().label()
                      + (row.verdict() == Verdict.SAME ? "" : " (" + row.verdict().word() + ")"))));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e6550d\" stroke-width=\"3\""
                  + " opacity=\"0.4\"/>\n",
              x(row.low(), low, high),
              y + 5,
              x(row.high(), low, high),
              y + 5));
      for (GateRun run : file.runs()) {
        double ratio = run.figure(row.metric()) / row.base();
        if (!Double.isFinite(ratio)) {
          continue;
        }
        boolean base = run.build().equals(GateRun.BASE);
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\" opacity=\"0.8\"/>\n",
                x(ratio, low, high),
                base ? y - 5 : y + 5,
                base ? "#3182bd" : "#e6550d"));
      }
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Writes the Markdown and, beside it, the chart. */
  public static void write(GateFile file, GateComparison gate, Path markdown) throws IOException {
    Path folder = markdown.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    String chart = "gate-" + gate.variant() + ".svg";
    Files.writeString(folder.resolve(chart), svg(file, gate), StandardCharsets.UTF_8);
    Files.writeString(markdown, markdown(file, gate, chart), StandardCharsets.UTF_8);
  }

  private static double x(double ratio, double low, double high) {
    double clamped = Math.clamp(Double.isFinite(ratio) ? ratio : 1, low, high);
    return LABEL_WIDTH + (clamped - low) / (high - low) * (WIDTH - LABEL_WIDTH - 20);
  }

  private static String method(Comparison.Settings settings) {
    return "Ratio: head / base. CI: bootstrap, "
        + String.format(Locale.ROOT, "%,d", settings.resamples())
        + " resamples (seed "
        + settings.seed()
        + "): runs drawn with replacement, then each run's requests in blocks of as many as were"
        + " in flight together; CPU and bytes per request, one reading per run, by run only."
        + " Verdict: **slower** when the whole interval is beyond the "
        + CompareWriter.plain(settings.threshold() * 100)
        + " % threshold on the worse side, **faster** beyond it on the better side, same otherwise."
        + " Both builds ran on this machine in turns (base, head, head, base, …), each in a fresh"
        + " JVM, so the machine's drift falls on both alike.";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
