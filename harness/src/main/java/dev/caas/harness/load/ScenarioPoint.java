package dev.caas.harness.load;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a scenario: the latency injected while measuring and the load sent. The talk has
 * one point; a sweep has one per latency or per concurrency, all measured against the same variant
 * process.
 *
 * @param index the point's position in its scenario, from 0
 */
public record ScenarioPoint(int index, InjectedLatency latency, Workload workload) {

  public ScenarioPoint {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(workload, "workload");
  }

  /** Closed-loop clients, or an open loop's most connections in flight. */
  public int concurrency() {
    return workload.connections();
  }

  /** The open loop's rate, or {@code null} for a closed loop. */
  public Double ratePerSecond() {
    return workload instanceof OpenLoop open ? open.ratePerSecond() : null;
  }

  /**
   * A short label for tables and file names' readers: {@code C=100, upstream 100 ms, postgres 0.0
   * ms}.
   */
  public String describe() {
    String load =
        workload instanceof OpenLoop open
            ? String.format(Locale.ROOT, "%.1f/s", open.ratePerSecond())
            : "C=" + concurrency();
    return load + ", " + latency.describe();
  }

  /**
   * What a progress line says while this point is measured: {@code measuring, closed loop of 10
   * clients, 90 requests, latency upstream 100 ms, postgres 100 ms}.
   */
  public String describeMeasuring() {
    return "measuring, "
        + workload.describe()
        + ", "
        + workload.requests()
        + " requests, latency "
        + latency.describe();
  }
}
