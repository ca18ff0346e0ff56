package dev.caas.harness.theory;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.Workload;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.VariantNetwork;

/**
 * The queueing model's prediction for one run: the variant as a {@link VariantNetwork} built from
 * what the run knows (the limits its {@code /health} reported, the injected latencies, a CPU demand
 * per request and the machine's cores), solved for the run's load.
 *
 * <p>The limits map one to one: server threads to the thread cap (reactive's event loops are not
 * held while a request waits, so reactive has none), the database pool to the pool, HTTP
 * connections to the upstream pool, executor threads to the gather executor. A closed loop is
 * solved by Mean Value Analysis at its clients, an open loop by the M/M/c formulas at its rate.
 *
 * <p>A burst (no more requests than clients: the overload scenario) has no steady state for the
 * model to describe, so there is no prediction; {@link Theory}'s burst formula stays the only one.
 *
 * @param network the variant as stations
 * @param cpu the CPU demand the network was built with, and where it came from
 * @param prediction the solution at the run's load; {@code null} for a burst
 */
public record QueueingTheory(VariantNetwork network, CpuDemand cpu, Prediction prediction) {

  /** The model of one run. */
  public static QueueingTheory of(
      Variant variant,
      Limits limits,
      InjectedLatency latency,
      Workload workload,
      CpuDemand cpu,
      int cores) {
    VariantNetwork network = network(variant, limits, latency, cpu, cores);
    Prediction prediction =
        switch (workload) {
          case ClosedLoop closed ->
              closed.requests() <= closed.clients() ? null : network.prediction(closed.clients());
          case OpenLoop open -> network.prediction(open.ratePerSecond());
        };
    return new QueueingTheory(network, cpu, prediction);
  }

  /** The variant's network: its limits as pools, the latencies as holds, the CPU on the cores. */
  public static VariantNetwork network(
      Variant variant, Limits limits, InjectedLatency latency, CpuDemand cpu, int cores) {
    boolean threadPerRequest = variant.model() != Variant.Model.REACTIVE;
    return VariantNetwork.builder()
        .composition(variant.composition())
        .upstreamLatency(latency.upstream())
        .dbLatency(latency.postgres())
        .serverThreads(threadPerRequest ? limits.serverThreads() : null)
        .dbPool(limits.dbPool())
        .upstreamConnections(limits.httpConnections())
        .gatherExecutor(limits.executorThreads())
        .cpuDemand(cpu.perRequest())
        .cores(cores)
        .build();
  }

  /** Whether the model describes this run (not a burst). */
  public boolean applies() {
    return prediction != null;
  }

  /** Predicted median in milliseconds; {@code NaN} when the model does not apply. */
  public double medianMs() {
    return applies() ? prediction.medianSeconds() * 1000 : Double.NaN;
  }

  /** Predicted p99 in milliseconds, an upper estimate (see the queueing package). */
  public double p99Ms() {
    return applies() ? prediction.p99Seconds() * 1000 : Double.NaN;
  }

  /** Predicted mean in milliseconds. */
  public double meanMs() {
    return applies() ? prediction.meanSeconds() * 1000 : Double.NaN;
  }

  /** Predicted throughput, requests per second. */
  public double throughputRps() {
    return applies() ? prediction.throughputPerSecond() : Double.NaN;
  }

  /** The centre closest to its ceiling, e.g. {@code database pool}; {@code n/a} for a burst. */
  public String bottleneck() {
    return applies() ? prediction.bottleneck().centre() : "n/a";
  }

  /** The bottleneck's utilisation, throughput over its ceiling. */
  public double utilisation() {
    return applies() ? prediction.bottleneck().utilisation() : Double.NaN;
  }
}
