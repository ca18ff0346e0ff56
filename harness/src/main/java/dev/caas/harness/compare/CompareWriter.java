package dev.caas.harness.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Comparison} as Markdown, for people (a pull request, a CI job summary, the
 * console), and as JSON, for programs. The Markdown leads with the verdict, then says what was
 * compared with what, then the table, then how to read it.
 */
public final class CompareWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompareWriter() {}

  /** The comparison as a Markdown document. */
  public static String markdown(Comparison comparison) {
    var out = new StringBuilder();
    out.append("## caas compare: ").append(headline(comparison)).append("\n\n");
    List<Comparison.Row> slower = comparison.rows(Verdict.SLOWER);
    if (!slower.isEmpty()) {
      String level = percent(comparison.settings().confidence());
      boolean severalPoints = comparison.severalPoints();
      List<String> changes = slower.stream().map(row -> change(row, level, severalPoints)).toList();
      out.append("**Slower**: ").append(String.join("; ", changes)).append(".\n\n");
    }
    provenance(comparison, out);
    if (!comparison.scenarioDifferences().isEmpty()) {
      out.append("> **Warning**: the scenarios differ (")
          .append(String.join("; ", comparison.scenarioDifferences()))
          .append("). The ratios compare two experiments, not two versions of the code.\n\n");
    }
    table(comparison, out);
    var notes = new ArrayList<String>();
    if (!comparison.onlyInBaseline().isEmpty()) {
      notes.add(
          "Only in the baseline, not compared: "
              + String.join(", ", comparison.onlyInBaseline())
              + ".");
    }
    if (!comparison.onlyInCurrent().isEmpty()) {
      notes.add(
          "Only in the current run, not compared: "
              + String.join(", ", comparison.onlyInCurrent())
              + ".");
    }
    notes.addAll(comparison.notes());
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
    }
    out.append(method(comparison.settings())).append('\n');
    return out.toString();
  }

  /**
   * {@code regression, 2 rows slower}, {@code no regression}, {@code no regression, 3 rows faster}.
   */
  static String headline(Comparison comparison) {
    int slower = comparison.rows(Verdict.SLOWER).size();
    int faster = comparison.rows(Verdict.FASTER).size();
    if (slower > 0) {
      return "regression, " + rows(slower) + " slower";
    }
    return faster == 0 ? "no regression" : "no regression, " + rows(faster) + " faster";
  }

  private static String rows(int count) {
    return count + (count == 1 ? " row" : " rows");
  }

  /** {@code sync-sequential median 302 ms → 331 ms (×1.096, 95 % CI 1.090–1.103)}. */
  private static String change(Comparison.Row row, String level, boolean severalPoints) {
    return row.variant()
        + (severalPoints ? " (" + row.point() + ")" : "")
        + " "
        + row.metric().label()
        + " "
        + row.metric().format(row.baseline())
        + " → "
        + row.metric().format(row.current())
        + " (×"
        + ratio(row.ratio())
        + ", "
        + level
        + "CI "
        + interval(row)
        + ")";
  }

  private static void provenance(Comparison comparison, StringBuilder out) {
    ResultsFile baseline = comparison.baseline();
    ResultsFile current = comparison.current();
    out.append("| | baseline | current |\n|---|---|---|\n");
    out.append("| file | `")
        .append(cell(baseline.file().toString()))
        .append("` | `")
        .append(cell(current.file().toString()))
        .append("` |\n");
    baseline
        .provenance()
        .forEach(
            (key, value) ->
                out.append("| ")
                    .append(key)
                    .append(" | ")
                    .append(cell(value))
                    .append(" | ")
                    .append(cell(current.provenance().getOrDefault(key, "unknown")))
                    .append(" |\n"));
    out.append("| scenario | ")
        .append(cell(baseline.scenarioSummary()))
        .append(" | ")
        .append(cell(current.scenarioSummary()))
        .append(" |\n");
    out.append('\n');
  }

  private static void table(Comparison comparison, StringBuilder out) {
    String level = percent(comparison.settings().confidence());
    boolean severalPoints = comparison.severalPoints();
    out.append("| variant | ")
        .append(severalPoints ? "point | " : "")
        .append("metric | baseline | current | ratio | ")
        .append(level)
        .append("CI | p | verdict |\n");
    out.append("|---|")
        .append(severalPoints ? "---|" : "")
        .append("---|---:|---:|---:|---:|---:|---|\n");
    for (Comparison.Row row : comparison.rows()) {
      String verdict = row.verdict().markdown();
      out.append("| ")
          .append(row.variant())
          .append(severalPoints ? " | " + row.point() : "")
          .append(" | ")
          .append(row.metric().label())
          .append(" | ")
          .append(row.metric().format(row.baseline()))
          .append(" | ")
          .append(row.metric().format(row.current()))
          .append(" | ")
          .append(ratio(row.ratio()))
          .append(" | ")
          .append(interval(row))
          .append(" | ")
          .append(pValue(row.pValue()))
          .append(" | ")
          .append(verdict)
          .append(" |\n");
    }
    out.append('\n');
  }

  private static String method(Comparison.Settings settings) {
    String threshold = plain(settings.threshold() * 100);
    String above = ratio(1 + settings.threshold());
    String below = ratio(1 - settings.threshold());
    return "Ratio: current / baseline. "
        + percent(settings.confidence())
        + "CI: bootstrap, "
        + String.format(Locale.ROOT, "%,d", settings.resamples())
        + " resamples of each run's successful requests, "
        + "drawn in blocks of as many as were in flight together, since a stall delays them all (seed "
        + settings.seed()
        + "); throughput through Little's law, X = N̄ / mean latency with the run's mean "
        + "requests in flight N̄ held fixed. Verdict: **slower** when the whole interval is beyond the "
        + threshold
        + " % threshold on the worse side (above "
        + above
        + " for a latency, below "
        + below
        + " for throughput), **faster** when beyond it on the better side, same otherwise. p: Mann-Whitney U "
        + "test of the two latency distributions, two-sided, as benchstat reports it; it takes requests as "
        + "independent, so it overstates the evidence when a stall delayed many at once, and the verdict does "
        + "not use it.";
  }

  /**
   * The comparison as JSON: both files' provenance, the settings, every row, and the overall
   * verdict.
   */
  public static ObjectNode json(Comparison comparison) {
    ObjectNode root = JSON.createObjectNode();
    root.put("regressed", comparison.regressed());
    root.put("headline", headline(comparison));
    file(root.putObject("baseline"), comparison.baseline());
    file(root.putObject("current"), comparison.current());
    Comparison.Settings s = comparison.settings();
    root.putObject("settings")
        .put("threshold", s.threshold())
        .put("confidence", s.confidence())
        .put("resamples", s.resamples())
        .put("seed", s.seed());
    comparison.scenarioDifferences().forEach(root.putArray("scenario_differences")::add);
    comparison.onlyInBaseline().forEach(root.putArray("only_in_baseline")::add);
    comparison.onlyInCurrent().forEach(root.putArray("only_in_current")::add);
    comparison.notes().forEach(root.putArray("notes")::add);
    var rows = root.putArray("rows");
    for (Comparison.Row row : comparison.rows()) {
      ObjectNode node = rows.addObject();
      node.put("variant", row.variant());
      node.put("point", row.point());
      node.put("metric", row.metric().label());
      node.put("unit", row.metric().higherIsBetter() ? "rps" : "ms");
      number(node, "baseline", row.baseline());
      number(node, "current", row.current());
      number(node, "ratio", row.ratio());
      number(node, "ci_low", row.low());
      number(node, "ci_high", row.high());
      number(node, "p_value", row.pValue());
      node.put("verdict", row.verdict().word());
    }
    return root;
  }

  /** Writes {@link #markdown(Comparison)} to {@code file}, creating its folder. */
  public static void writeMarkdown(Comparison comparison, Path file) throws IOException {
    createParent(file);
    Files.writeString(file, markdown(comparison), StandardCharsets.UTF_8);
  }

  /** Writes {@link #json(Comparison)} to {@code file}, creating its folder. */
  public static void writeJson(Comparison comparison, Path file) throws IOException {
    createParent(file);
    JSON.writeValue(file.toFile(), json(comparison));
  }

  private static void file(ObjectNode node, ResultsFile file) {
    node.put("file", file.file().toString());
    ObjectNode provenance = node.putObject("provenance");
    file.provenance().forEach(provenance::put);
    ObjectNode scenario = node.putObject("scenario");
    file.scenario().forEach(scenario::put);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static String ratio(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3f", ratio) : "—";
  }

  private static String interval(Comparison.Row row) {
    return Double.isFinite(row.low()) ? ratio(row.low()) + "–" + ratio(row.high()) : "—";
  }

  private static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /** {@code 95 % }, {@code 99.9 % }: the confidence level as a label prefix. */
  private static String percent(double fraction) {
    return plain(fraction * 100) + " % ";
  }

  /** Three significant digits without trailing zeros: {@code 5}, {@code 2.5}, {@code 99.9}. */
  static String plain(double value) {
    return new BigDecimal(String.format(Locale.ROOT, "%.3g", value))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A table cell: a pipe would end the cell, a line break the row. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
