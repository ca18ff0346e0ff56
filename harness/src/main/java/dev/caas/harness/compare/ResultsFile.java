package dev.caas.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code caas bench --json} file as {@code compare} reads it: where it was made, what was run, and the
 * samples of each run.
 *
 * @param file where it was read from, as given
 * @param provenance commit, date, JDK, … as label and value, for the report's header
 * @param scenario the settings that make two files comparable (requests, concurrency, latency, …)
 * @param runs the measured runs by variant, in the file's order
 */
public record ResultsFile(
    Path file, Map<String, String> provenance, Map<String, String> scenario, Map<String, RunSamples> runs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ResultsFile {
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    scenario = Collections.unmodifiableMap(new LinkedHashMap<>(scenario));
    runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
  }

  /**
   * Reads a bench report.
   *
   * @throws IllegalArgumentException when the file is missing, is not JSON, or a run has no samples (a
   *     confidence interval needs them; files from {@code caas bench --json} always have them)
   */
  public static ResultsFile read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " as JSON: " + e.getMessage());
    }
    if (root == null || !root.path("runs").isArray()) {
      throw new IllegalArgumentException(file + " is not a 'caas bench --json' report: it has no 'runs' array");
    }
    var runs = new LinkedHashMap<String, RunSamples>();
    for (JsonNode run : root.path("runs")) {
      RunSamples samples = samples(file, run);
      runs.put(samples.variant(), samples);
    }
    return new ResultsFile(file, provenance(root.path("provenance")), scenario(root.path("scenario")), runs);
  }

  /** The variants that were measured, in the file's order. */
  public List<String> variants() {
    return new ArrayList<>(runs.keySet());
  }

  private static RunSamples samples(Path file, JsonNode run) {
    String variant = run.path("variant").asText("");
    if (variant.isEmpty()) {
      throw new IllegalArgumentException(file + ": a run has no 'variant'");
    }
    JsonNode columns = run.path("samples").path("columns");
    JsonNode rows = run.path("samples").path("rows");
    if (!columns.isArray() || !rows.isArray()) {
      throw new IllegalArgumentException(file + ": run " + variant + " has no samples; write the file with "
          + "'caas bench --json FILE', which keeps every request");
    }
    var names = new ArrayList<String>();
    columns.forEach(column -> names.add(column.asText()));
    int latency = column(file, variant, names, "latency_ms");
    int status = column(file, variant, names, "status");
    int intendedStart = column(file, variant, names, "intended_start_ms");
    var okLatencies = new ArrayList<Double>();
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode row : rows) {
      double start = row.path(intendedStart).asDouble();
      double latencyMs = row.path(latency).asDouble();
      // Every request counts towards the duration, as in the bench; only answered ones towards the latencies.
      first = Math.min(first, start);
      last = Math.max(last, start + latencyMs);
      if (row.path(status).asInt() == 200) {
        okLatencies.add(latencyMs);
      }
    }
    double durationMs = rows.isEmpty() ? 0 : last - first;
    double[] ok = okLatencies.stream().mapToDouble(Double::doubleValue).toArray();
    return new RunSamples(variant, ok, durationMs, rows.size());
  }

  private static int column(Path file, String variant, List<String> names, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(file + ": run " + variant + " has no sample column '" + name + "'");
    }
    return index;
  }

  private static Map<String, String> provenance(JsonNode p) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("commit", text(p.path("commit")));
    facts.put("date", text(p.path("date")));
    facts.put("backends", "PostgreSQL " + text(p.at("/backends/postgres")) + "; Toxiproxy "
        + text(p.at("/backends/toxiproxy")));
    facts.put("JDK", text(p.path("variant_jdk").isMissingNode() ? p.path("jdk") : p.path("variant_jdk")));
    facts.put("cores", text(p.path("cores")));
    facts.put("os", text(p.path("os")));
    return facts;
  }

  /** The settings that decide what a latency means; two files that differ here measured different things. */
  private static Map<String, String> scenario(JsonNode s) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("workload", text(s.path("description")));
    facts.put("requests", text(s.path("requests")));
    facts.put("concurrency", text(s.path("concurrency")));
    facts.put("rate", s.path("rate_rps").isNumber() ? s.path("rate_rps").asText() + " rps" : "none");
    facts.put("latency", "upstream " + ms(s.at("/latency_ms/upstream")) + ", postgres "
        + ms(s.at("/latency_ms/postgres")));
    facts.put("jitter", ms(s.path("jitter_ms")));
    JsonNode options = s.path("variant_options");
    facts.put("variant options", "db pool " + text(options.path("db_pool")) + ", server threads "
        + text(options.path("server_threads")) + ", deadline " + ms(options.path("deadline_ms")));
    return facts;
  }

  /** A field as text: {@code unknown} when the file lacks it, {@code default} when null (an option not given). */
  private static String text(JsonNode node) {
    if (node.isMissingNode()) {
      return "unknown";
    }
    return node.isNull() ? "default" : node.asText();
  }

  private static String ms(JsonNode node) {
    return node.isNumber() ? node.asText() + " ms" : text(node);
  }
}
