package dev.caas.harness.theory;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.Workload;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.ProbedMachine;
import dev.caas.harness.queueing.VariantNetwork;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * <p>When the run's variant process was probed with no latency ({@link ProbedMachine}), the probe
 * is the network's machine station and the CPU demand is kept for the report only; otherwise the
 * CPU demand on the cores is the machine.
 *
 * @param network the variant as stations
 * @param cpu the CPU demand the network was built with, and where it came from
 * @param prediction the solution at the run's load; {@code null} for a burst
 */
public record QueueingTheory(VariantNetwork network, CpuDemand cpu, Prediction prediction) {

  /** What a model is solved from; two runs with the same inputs share one solution. */
  private record Inputs(
      Variant variant,
      Limits limits,
      InjectedLatency latency,
      Workload workload,
      CpuDemand cpu,
      int cores,
      ProbedMachine machine) {}

  /** How many solutions are remembered: a sweep of six variants at seven points, several times. */
  private static final int REMEMBERED = 256;

  /**
   * Solutions already computed. A report asks for the same run's model in its table, its JSON, its
   * CSV and its notes, and solving a thousand clients with their percentiles takes a good part of a
   * second on a busy machine; the inputs are values, so a solution can be reused safely.
   */
  private static final Map<Inputs, QueueingTheory> SOLVED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Inputs, QueueingTheory> eldest) {
              return size() > REMEMBERED;
            }
          });

  /**
   * The model of one run.
   *
   * @param machine the variant process probed with no latency; {@code null} when it was not
   */
  public static QueueingTheory of(
      Variant variant,
      Limits limits,
      InjectedLatency latency,
      Workload workload,
      CpuDemand cpu,
      int cores,
      ProbedMachine machine) {
    var inputs = new Inputs(variant, limits, latency, workload, cpu, cores, machine);
    QueueingTheory solved = SOLVED.get(inputs);
    if (solved == null) {
      solved = solve(inputs);
      SOLVED.put(inputs, solved);
    }
    return solved;
  }

  private static QueueingTheory solve(Inputs in) {
    Variant variant = in.variant();
    Workload workload = in.workload();
    CpuDemand cpu = in.cpu();
    VariantNetwork network =
        network(variant, in.limits(), in.latency(), cpu, in.cores(), in.machine());
    Prediction prediction =
        switch (workload) {
          case ClosedLoop closed ->
              closed.requests() <= closed.clients() ? null : network.prediction(closed.clients());
          case OpenLoop open -> network.prediction(open.ratePerSecond());
        };
    return new QueueingTheory(network, cpu, prediction);
  }

  /**
   * The variant's network: its limits as pools, the latencies as holds, and the machine: probed
   * when {@code machine} is not {@code null}, else the CPU demand on the cores. Nothing measured at
   * the point enters a probed machine, not even the cores its JIT compilers took (the CPU demand's
   * correction): the probe is the prediction, made before the points ran.
   */
  public static VariantNetwork network(
      Variant variant,
      Limits limits,
      InjectedLatency latency,
      CpuDemand cpu,
      int cores,
      ProbedMachine machine) {
    boolean threadPerRequest = variant.model() != Variant.Model.REACTIVE;
    return VariantNetwork.builder()
        .composition(variant.composition())
        .upstreamLatency(latency.upstream())
        .dbLatency(latency.postgres())
        .serverThreads(threadPerRequest ? limits.serverThreads() : null)
        .dbPool(limits.dbPool())
        .upstreamConnections(limits.httpConnections())
        .gatherExecutor(limits.executorThreads())
        .cpuDemand(cpu.onCores(cores))
        .cores(cores)
        .machine(machine)
        .build();
  }

  /**
   * What the machine station was: {@code machine probed with no latency at 11 populations: …} or
   * {@code CPU 1.2 ms (…) per request on 2 cores}.
   */
  public String describeMachine() {
    ProbedMachine machine = network.machine();
    return machine != null
        ? "machine " + machine.describe()
        : "CPU " + cpu.describe() + " per request on " + network.cores() + " cores";
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
