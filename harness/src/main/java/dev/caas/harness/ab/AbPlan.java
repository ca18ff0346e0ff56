package dev.caas.harness.ab;

import java.time.Duration;
import java.util.Locale;

/**
 * What each JVM of an A/B run is put through, three short points after a warm-up. Kept short, since
 * the gate is a CI job's worth of them; the defaults fit a 2-core runner.
 *
 * @param repeat JVMs per build
 * @param warmupRequests at no latency, from {@code saturationClients} clients, not measured
 * @param saturationClients clients of the closed loop at no latency (enough to keep every core
 *     busy)
 * @param saturationRequests its requests; CPU and allocation are metered over it
 * @param latency injected on every proxy at the latency point
 * @param latencyClients clients of the closed loop at the latency point (few: no queueing, only the
 *     code's time above the theory)
 * @param latencyRequests its requests
 * @param openLoopRate requests per second of the open loop, well below saturation
 * @param openLoopRequests its requests
 */
public record AbPlan(
    int repeat,
    int warmupRequests,
    int saturationClients,
    int saturationRequests,
    Duration latency,
    int latencyClients,
    int latencyRequests,
    double openLoopRate,
    int openLoopRequests) {

  /**
   * What {@code caas ab} runs unless told otherwise: the plan whose false alarms and detections
   * results/gate/ measured, so the gate a pull request meets is the gate that was measured.
   *
   * <p>Three JVMs a build, because the figures each JVM gives once (CPU, allocation, throughput)
   * are judged over the runs with a t interval, and two a side leave it two degrees of freedom. A
   * warm-up of 3,000 requests, because 400 did not warm up: the saturation window after it still
   * ran partly interpreted (sync-sequential on a quiet machine: 2.7–3.8 ms CPU per request and
   * 330–400 rps after 400; 1.0–1.5 ms and 540–880 rps after 4,000).
   */
  public static final AbPlan DEFAULT =
      new AbPlan(3, 3000, 16, 1500, Duration.ofMillis(10), 4, 100, 100, 200);

  public AbPlan {
    if (repeat < 1 || saturationClients < 1 || latencyClients < 1 || openLoopRate <= 0) {
      throw new IllegalArgumentException(
          "repeat, clients and rate must be positive: "
              + repeat
              + ", "
              + saturationClients
              + ", "
              + latencyClients
              + ", "
              + openLoopRate);
    }
  }

  public AbPlan withRepeat(int repeat) {
    return new AbPlan(
        repeat,
        warmupRequests,
        saturationClients,
        saturationRequests,
        latency,
        latencyClients,
        latencyRequests,
        openLoopRate,
        openLoopRequests);
  }

  /** Connections the load client needs: the most any point opens at once. */
  public int maxConnections() {
    return Math.max(saturationClients, Math.max(latencyClients, 64));
  }

  /** The plan in one line, for the report's facts. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d JVMs per build; warm-up %d; saturation C=%d × %d requests, no latency; latency point"
            + " C=%d × %d requests at %d ms per step; open loop %.0f/s × %d requests",
        repeat,
        warmupRequests,
        saturationClients,
        saturationRequests,
        latencyClients,
        latencyRequests,
        latency.toMillis(),
        openLoopRate,
        openLoopRequests);
  }
}
