package dev.caas.harness.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The load generator's own ceiling, measured by {@code caas calibrate} on this machine beside
 * {@code wrk}: how many requests per second it can send to an endpoint that answers at once, and
 * how much it adds to a request when a thousand are in flight to an endpoint that answers after a
 * fixed delay. A bench reads it from {@link #file(VariantJars)} and flags any run that asks more of
 * the generator than was calibrated.
 *
 * @param date when it was measured
 * @param commit the project's commit then
 * @param cores processors available
 * @param jdk the JDK that ran the harness
 * @param connections connections used for the zero-latency ceiling (harness and wrk alike)
 * @param harnessMaxRps the harness's requests per second against the zero-latency endpoint
 * @param wrkMaxRps wrk's, or {@code NaN} when wrk is not installed
 * @param inFlight requests in flight against the delayed endpoint
 * @param delayMs the delayed endpoint's answer time
 * @param harnessP50Ms the harness's median latency there
 * @param harnessP99Ms its 99th percentile
 * @param wrkP50Ms wrk's median there, or {@code NaN}
 * @param wrkP99Ms wrk's 99th percentile, or {@code NaN}
 * @param wrk {@code wrk}'s version line, or why it was not run
 */
public record Calibration(
    String date,
    String commit,
    int cores,
    String jdk,
    int connections,
    double harnessMaxRps,
    double wrkMaxRps,
    int inFlight,
    double delayMs,
    double harnessP50Ms,
    double harnessP99Ms,
    double wrkP50Ms,
    double wrkP99Ms,
    String wrk) {

  /**
   * A median at most this far above the delay counts as accurate at that many requests in flight.
   */
  public static final double ACCURATE_OVERHEAD = 0.10;

  /**
   * A closed loop whose throughput reaches this share of the ceiling may be measuring the
   * generator.
   */
  public static final double NEAR_CEILING = 0.8;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * {@code target/caas-calibration.json} under the project root, or beside the jars of a jar
   * folder.
   */
  public static Path file(VariantJars jars) {
    return jars.projectRoot()
        ? jars.folder().resolve("target").resolve("caas-calibration.json")
        : jars.folder().resolve("caas-calibration.json");
  }

  /** harness max rps / wrk max rps; {@code NaN} without wrk. */
  public double maxRpsRatio() {
    return harnessMaxRps / wrkMaxRps;
  }

  /** The harness's median at {@link #inFlight()} over the delay: 1.0 adds nothing. */
  public double p50OverDelay() {
    return harnessP50Ms / delayMs;
  }

  /**
   * Whether the harness's median stayed within {@link #ACCURATE_OVERHEAD} of the delay at {@link
   * #inFlight()}.
   */
  public boolean accurateInFlight() {
    return p50OverDelay() <= 1 + ACCURATE_OVERHEAD;
  }

  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("date", date);
    node.put("commit", commit);
    node.put("cores", cores);
    node.put("jdk", jdk);
    node.put("connections", connections);
    number(node, "harness_max_rps", harnessMaxRps);
    number(node, "wrk_max_rps", wrkMaxRps);
    number(node, "max_rps_ratio", maxRpsRatio());
    node.put("in_flight", inFlight);
    number(node, "delay_ms", delayMs);
    number(node, "harness_p50_ms", harnessP50Ms);
    number(node, "harness_p99_ms", harnessP99Ms);
    number(node, "wrk_p50_ms", wrkP50Ms);
    number(node, "wrk_p99_ms", wrkP99Ms);
    node.put("accurate_in_flight", accurateInFlight());
    node.put("wrk", wrk);
    return node;
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), toJson());
  }

  /** The calibration stored at {@code file}, or empty when there is none or it cannot be read. */
  public static Optional<Calibration> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return Optional.of(
          new Calibration(
              n.path("date").asText(""),
              n.path("commit").asText(""),
              n.path("cores").asInt(),
              n.path("jdk").asText(""),
              n.path("connections").asInt(),
              number(n, "harness_max_rps"),
              number(n, "wrk_max_rps"),
              n.path("in_flight").asInt(),
              number(n, "delay_ms"),
              number(n, "harness_p50_ms"),
              number(n, "harness_p99_ms"),
              number(n, "wrk_p50_ms"),
              number(n, "wrk_p99_ms"),
              n.path("wrk").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.doubleValue() : Double.NaN;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, Math.round(value * 1000) / 1000.0);
    } else {
      node.putNull(field);
    }
  }
}
