package dev.caas.harness.compare;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One build measured once in an A/B run: one fresh JVM, its three short points, and what its
 * process cost. {@code caas ab} makes them in turns (base, head, head, base, …); {@link
 * GateComparison} judges them.
 *
 * @param build {@code base} or {@code head}
 * @param repetition 1 for the build's first JVM, 2 for its next
 * @param saturation the closed loop at no latency: its throughput is the service's capacity
 * @param atLatency the closed loop at the latency point: its latencies, minus {@code theoryMs}, are
 *     the overhead above the theory
 * @param theoryMs T at the latency point, e.g. 3 × 10 ms for a sequential variant
 * @param clientsAtLatency the clients of that loop, as many requests as were in flight together
 * @param stepExcessMs per step ({@code upstream}, {@code billing}, {@code name}), per successful
 *     request at the latency point in the order sent: Server-Timing {@code dur} minus the latency
 *     injected on that step
 * @param openLoop the open loop at a fixed rate below saturation: its p99 is the tail
 * @param cpuMsPerRequest CPU time of the variant's process over the saturation window, per request,
 *     its JIT compiler threads' time left out (it varies from launch to launch by more than a
 *     regression; {@code CompilerThreads})
 * @param allocatedBytesPerRequest heap bytes its JVM allocated over that window, per request;
 *     {@code NaN} when its JVM could not be attached to
 */
public record GateRun(
    String build,
    int repetition,
    RunSamples.Repetition saturation,
    RunSamples.Repetition atLatency,
    double theoryMs,
    int clientsAtLatency,
    Map<String, double[]> stepExcessMs,
    RunSamples.Repetition openLoop,
    double cpuMsPerRequest,
    double allocatedBytesPerRequest) {

  /** The build everything is judged against: the merge base of a pull request. */
  public static final String BASE = "base";

  /** The build judged: the pull request's head. */
  public static final String HEAD = "head";

  public GateRun {
    Objects.requireNonNull(build, "build");
    var copy = new LinkedHashMap<String, double[]>();
    stepExcessMs.forEach((step, values) -> copy.put(step, values.clone()));
    stepExcessMs = Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GateRun that
        && build.equals(that.build)
        && repetition == that.repetition
        && saturation.equals(that.saturation)
        && atLatency.equals(that.atLatency)
        && openLoop.equals(that.openLoop)
        && stepExcessMs.keySet().equals(that.stepExcessMs.keySet())
        && stepExcessMs.entrySet().stream()
            .allMatch(e -> Arrays.equals(e.getValue(), that.stepExcessMs.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(build, repetition, saturation, atLatency, openLoop);
  }

  /** This run's own figure of {@code metric}: a dot on the chart. */
  public double figure(GateMetric metric) {
    return switch (metric) {
      case OVERHEAD -> GateComparison.estimate(atLatency).medianMs() - theoryMs;
      case UPSTREAM_STEP, BILLING_STEP, NAME_STEP -> stepMedian(metric.step());
      case CPU -> cpuMsPerRequest;
      case SATURATION -> GateComparison.estimate(saturation).throughputRps();
      case ALLOCATION -> allocatedBytesPerRequest;
      case TAIL -> GateComparison.estimate(openLoop).p99Ms();
    };
  }

  private double stepMedian(String step) {
    double[] values = stepExcessMs.get(step);
    if (values == null || values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return Estimate.percentile(sorted, 50);
  }
}
