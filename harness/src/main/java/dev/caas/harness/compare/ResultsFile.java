package dev.caas.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.harness.text.Millis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code caas bench --json} file as {@code compare} reads it: where it was made, what was run,
 * and the samples of each run.
 *
 * @param file where it was read from, as given
 * @param provenance commit, date, JDK, … as label and value, for the report's header
 * @param scenario the settings that make two files comparable (requests, concurrency, latency, …)
 * @param repeat runs per variant and point ({@code bench --repeat}); more runs, a truer interval,
 *     same experiment
 * @param runs per variant and point, in the file's order, with their repetitions pooled
 */
public record ResultsFile(
    Path file,
    Map<String, String> provenance,
    Map<String, String> scenario,
    int repeat,
    Map<Key, RunSamples> runs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A variant at a point of the scenario: what is compared with the same in the other file. Points
   * are matched by their place in the scenario, not by their settings, so two files made at
   * different settings are still compared, with a warning, rather than refused.
   *
   * @param point the point's index in the scenario, 0 for the talk's only one
   */
  public record Key(String variant, int point) {}

  public ResultsFile {
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    scenario = Collections.unmodifiableMap(new LinkedHashMap<>(scenario));
    runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
  }

  /**
   * Reads a bench report.
   *
   * @throws IllegalArgumentException when the file is missing, is not JSON, or a run has no samples
   *     (a confidence interval needs them; files from {@code caas bench --json} always have them)
   */
  public static ResultsFile read(Path file) {
    JsonNode root = readJson(file);
    if (root == null || !root.path("runs").isArray()) {
      throw new IllegalArgumentException(
          file + " is not a 'caas bench --json' report: it has no 'runs' array");
    }
    JsonNode scenario = root.path("scenario");
    var repetitions = new LinkedHashMap<Key, List<RunSamples.Repetition>>();
    var points = new LinkedHashMap<Integer, String>();
    for (JsonNode run : root.path("runs")) {
      String variant = run.path("variant").asText("");
      if (variant.isEmpty()) {
        throw new IllegalArgumentException(file + ": a run has no 'variant'");
      }
      // A file from before scenarios had points describes its only one at the top.
      JsonNode point = run.has("point") ? run.path("point") : scenario;
      var key = new Key(variant, point.path("index").asInt(0));
      points.putIfAbsent(key.point(), point(point));
      repetitions.computeIfAbsent(key, k -> new ArrayList<>()).add(repetition(file, variant, run));
    }
    var runs = new LinkedHashMap<Key, RunSamples>();
    repetitions.forEach(
        (key, runsOfKey) ->
            runs.put(key, new RunSamples(key.variant(), points.get(key.point()), runsOfKey)));
    return new ResultsFile(
        file,
        provenance(root.path("provenance")),
        scenario(scenario),
        Math.max(1, scenario.path("repeat").asInt(1)),
        runs);
  }

  /**
   * A JSON file's tree ({@code null} for an empty file).
   *
   * @throws IllegalArgumentException when it is missing or not JSON
   */
  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " as JSON: " + e.getMessage());
    }
  }

  /** The variants and points that were measured, in the file's order. */
  public List<Key> keys() {
    return new ArrayList<>(runs.keySet());
  }

  /**
   * The scenario in one line: {@code talk: closed loop, 10 clients; 90 requests; latency upstream
   * 100 ms, …}.
   */
  public String scenarioSummary() {
    return scenario.get("scenario")
        + ": "
        + scenario.get("workload")
        + "; "
        + scenario.get("requests")
        + " requests; latency "
        + scenario.get("latency")
        + "; jitter "
        + scenario.get("jitter")
        + (repeat > 1 ? "; each run " + repeat + " times" : "");
  }

  private static RunSamples.Repetition repetition(Path file, String variant, JsonNode run) {
    JsonNode columns = run.path("samples").path("columns");
    JsonNode rows = run.path("samples").path("rows");
    if (!columns.isArray() || !rows.isArray()) {
      throw new IllegalArgumentException(
          file
              + ": run "
              + variant
              + " has no samples; write the file with "
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
      // Every request counts towards the duration, as in the bench; only answered ones towards the
      // latencies.
      first = Math.min(first, start);
      last = Math.max(last, start + latencyMs);
      if (row.path(status).asInt() == 200) {
        okLatencies.add(latencyMs);
      }
    }
    double durationMs = rows.isEmpty() ? 0 : last - first;
    double[] ok = okLatencies.stream().mapToDouble(Double::doubleValue).toArray();
    return new RunSamples.Repetition(ok, durationMs, rows.size());
  }

  private static int column(Path file, String variant, List<String> names, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          file + ": run " + variant + " has no sample column '" + name + "'");
    }
    return index;
  }

  /**
   * A point as {@code ScenarioPoint.describe()} writes it, {@code C=10, upstream 100 ms, postgres
   * 100 ms}, from a run's {@code point} or, in older files, the scenario.
   */
  private static String point(JsonNode point) {
    String load =
        "open".equals(point.path("workload").asText())
            ? String.format(Locale.ROOT, "%.1f/s", point.path("rate_rps").asDouble())
            : "C=" + point.path("concurrency").asInt();
    JsonNode latency = point.path("latency_ms");
    JsonNode jitter =
        point.path("jitter_ms").isObject()
            ? point.path("jitter_ms")
            : point.path("jitter_per_proxy_ms");
    double sameJitter = point.path("jitter_ms").asDouble(0);
    return load
        + ", upstream "
        + withJitter(latency.path("upstream"), jitter.path("upstream"), sameJitter)
        + ", postgres "
        + withJitter(latency.path("postgres"), jitter.path("postgres"), sameJitter);
  }

  private static String withJitter(JsonNode latency, JsonNode jitter, double sameJitter) {
    double jitterMs = jitter.isNumber() ? jitter.asDouble() : sameJitter;
    return Millis.format(latency.asDouble())
        + (jitterMs == 0 ? "" : " ± " + Millis.format(jitterMs));
  }

  private static Map<String, String> provenance(JsonNode p) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("commit", text(p.path("commit")));
    facts.put("date", text(p.path("date")));
    facts.put(
        "backends",
        "PostgreSQL "
            + text(p.at("/backends/postgres"))
            + "; Toxiproxy "
            + text(p.at("/backends/toxiproxy")));
    facts.put(
        "JDK", text(p.path("variant_jdk").isMissingNode() ? p.path("jdk") : p.path("variant_jdk")));
    facts.put("machine", text(p.path("cores")) + " cores, " + text(p.path("os")));
    return facts;
  }

  /**
   * The settings that decide what a latency means; two files that differ here measured different
   * things.
   */
  private static Map<String, String> scenario(JsonNode s) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("scenario", s.path("name").isTextual() ? s.path("name").asText() : "talk");
    facts.put("workload", text(s.path("description")));
    facts.put("requests", text(s.path("requests")));
    facts.put("concurrency", text(s.path("concurrency")));
    facts.put(
        "rate", s.path("rate_rps").isNumber() ? s.path("rate_rps").asText() + " rps" : "none");
    facts.put(
        "latency",
        "upstream "
            + ms(s.at("/latency_ms/upstream"))
            + ", postgres "
            + ms(s.at("/latency_ms/postgres")));
    facts.put("jitter", ms(s.path("jitter_ms")));
    JsonNode options = s.path("variant_options");
    facts.put(
        "variant options",
        "db pool "
            + text(options.path("db_pool"))
            + ", server threads "
            + text(options.path("server_threads"))
            + ", deadline "
            + ms(options.path("deadline_ms")));
    return facts;
  }

  /**
   * A field as text: {@code unknown} when the file lacks it, {@code default} when null (an option
   * not given).
   */
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
