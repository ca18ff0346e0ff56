package dev.caas.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An A/B run as {@code caas ab --json} writes it and {@code caas compare --ab} reads it back: what
 * was run (the variant, both builds, the points), and every run of both builds, each request kept,
 * in the order the runs were made.
 *
 * @param variant the variant both builds ran
 * @param facts what was run where, as label and value: commit, builds, points, machine
 * @param runs every run, in the order they were made
 */
public record GateFile(String variant, Map<String, String> facts, List<GateRun> runs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public GateFile {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    runs = List.copyOf(runs);
  }

  /** Writes the file, creating its folder. */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", "caas-ab");
    root.put("variant", variant);
    ObjectNode factsNode = root.putObject("facts");
    facts.forEach(factsNode::put);
    ArrayNode runsNode = root.putArray("runs");
    for (GateRun run : runs) {
      ObjectNode node = runsNode.addObject();
      node.put("build", run.build());
      node.put("repetition", run.repetition());
      node.put("theory_ms", run.theoryMs());
      node.put("clients_at_latency", run.clientsAtLatency());
      number(node, "cpu_ms_per_request", run.cpuMsPerRequest());
      number(node, "allocated_bytes_per_request", run.allocatedBytesPerRequest());
      repetition(node.putObject("saturation"), run.saturation());
      repetition(node.putObject("at_latency"), run.atLatency());
      repetition(node.putObject("open_loop"), run.openLoop());
      ObjectNode steps = node.putObject("step_excess_ms");
      run.stepExcessMs().forEach((step, values) -> array(steps.putArray(step), values));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), root);
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IllegalArgumentException when it is missing or not an A/B file
   */
  public static GateFile read(Path file) {
    JsonNode root = ResultsFile.readJson(file);
    if (root == null || !"caas-ab".equals(root.path("kind").asText())) {
      throw new IllegalArgumentException(file + " is not a 'caas ab --json' file");
    }
    var facts = new LinkedHashMap<String, String>();
    root.path("facts").properties().forEach(e -> facts.put(e.getKey(), e.getValue().asText()));
    var runs = new ArrayList<GateRun>();
    for (JsonNode node : root.path("runs")) {
      var steps = new LinkedHashMap<String, double[]>();
      node.path("step_excess_ms")
          .properties()
          .forEach(e -> steps.put(e.getKey(), doubles(e.getValue())));
      runs.add(
          new GateRun(
              node.path("build").asText(),
              node.path("repetition").asInt(),
              repetition(node.path("saturation")),
              repetition(node.path("at_latency")),
              node.path("theory_ms").asDouble(),
              node.path("clients_at_latency").asInt(1),
              steps,
              repetition(node.path("open_loop")),
              node.path("cpu_ms_per_request").asDouble(Double.NaN),
              node.path("allocated_bytes_per_request").asDouble(Double.NaN)));
    }
    return new GateFile(root.path("variant").asText(), facts, runs);
  }

  private static void repetition(ObjectNode node, RunSamples.Repetition repetition) {
    node.put("duration_ms", repetition.durationMs());
    node.put("requests", repetition.requests());
    array(node.putArray("ok_latencies_ms"), repetition.okLatenciesMs());
  }

  private static RunSamples.Repetition repetition(JsonNode node) {
    return new RunSamples.Repetition(
        doubles(node.path("ok_latencies_ms")),
        node.path("duration_ms").asDouble(),
        node.path("requests").asInt());
  }

  /** Microsecond resolution is all a latency needs, and keeps the file a third the size. */
  private static void array(ArrayNode node, double[] values) {
    for (double value : values) {
      node.add(Math.round(value * 1000) / 1000.0);
    }
  }

  private static double[] doubles(JsonNode node) {
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asDouble();
    }
    return values;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
