package dev.caas.harness.theory;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.PredictionTable;
import dev.caas.harness.queueing.VariantNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code caas bench --predict-only}: the queueing model's table for every variant and point of the
 * configured scenario, before anything runs. Predict the knee, then run the sweep and see.
 *
 * <h2>Limits without launching</h2>
 *
 * A bench reads each variant's limits from its {@code /health}. Predicting only, nothing is
 * launched: no PostgreSQL, no proxy, no JVM per variant, so the table is there in a second and the
 * prediction comes <i>before</i> the measurement, which is the point of the exercise. The limits
 * are therefore assumed: the contract's defaults ({@link VariantOptions}, with {@code --db-pool}
 * and {@code --server-threads} applied) and the rules each implementation follows to report them:
 * sync reports its server threads and, gathered, an executor of twice as many; reactive reports no
 * thread limit and its WebClient's 1,000 upstream connections; Loom only its pool. A bench run
 * prints the limits it read; if they differ from these, the bench's prediction is the one to trust.
 *
 * <p>Bursts (the overload scenario) have no steady state: their rows are left out, and said so.
 */
public final class PredictedScenario {

  /** What reactive-impl's WebClient connection pool allows (CanineUpstream.MAX_CONNECTIONS). */
  static final int REACTIVE_UPSTREAM_CONNECTIONS = 1_000;

  private PredictedScenario() {}

  /**
   * The limits a variant would report on {@code /health} with these options.
   *
   * @param dbPool {@code --db-pool}, or {@code null} for the variants' default
   * @param serverThreads {@code --server-threads}, or {@code null} for the default
   */
  public static Limits assumedLimits(Variant variant, Integer dbPool, Integer serverThreads) {
    VariantOptions defaults = contractDefaults();
    int pool = dbPool != null ? dbPool : defaults.dbPool();
    int threads = serverThreads != null ? serverThreads : defaults.serverThreads();
    boolean gathered = variant.composition() == Variant.Composition.GATHERED;
    return switch (variant.model()) {
      case SYNC -> new Limits(threads, pool, null, gathered ? 2 * threads : null);
      case REACTIVE -> new Limits(null, pool, REACTIVE_UPSTREAM_CONNECTIONS, null);
      case LOOM -> new Limits(null, pool, null, null);
    };
  }

  /** The defaults a variant starts with when given only the two required options. */
  private static VariantOptions contractDefaults() {
    return VariantOptions.parse(
        new String[] {
          "--db-url", "jdbc:postgresql://127.0.0.1:5432/postgres",
          "--upstream-url", "http://127.0.0.1:9000"
        },
        Map.of());
  }

  /**
   * The predicted tables, one per variant (and per injected latency, for a latency sweep).
   *
   * @param cpuDemand {@code --cpu-demand}, or {@code null} for each model's estimate
   * @param cores the machine's cores
   */
  public static String render(
      List<Variant> variants,
      List<ScenarioPoint> points,
      Integer dbPool,
      Integer serverThreads,
      Duration cpuDemand,
      int cores) {
    var text = new StringBuilder();
    text.append("Predicted by the queueing model (nothing was run; limits assumed from the")
        .append(" variants' defaults, not read from /health)")
        .append(System.lineSeparator());
    for (Variant variant : variants) {
      Limits limits = assumedLimits(variant, dbPool, serverThreads);
      CpuDemand cpu = CpuDemand.of(variant, cpuDemand);
      text.append(System.lineSeparator())
          .append(variant.wireName())
          .append(": ")
          .append(describe(limits))
          .append("; CPU ")
          .append(cpu.describe())
          .append(" per request on ")
          .append(cores)
          .append(cores == 1 ? " core" : " cores")
          .append(System.lineSeparator());
      for (var group : byLatency(points).entrySet()) {
        VariantNetwork network =
            // Nothing runs, so nothing is probed: the CPU demand is the machine.
            QueueingTheory.network(variant, limits, group.getKey(), cpu, cores, null);
        var predictions = new ArrayList<Prediction>();
        int bursts = 0;
        for (ScenarioPoint point : group.getValue()) {
          switch (point.workload()) {
            case ClosedLoop closed when closed.requests() <= closed.clients() -> bursts++;
            case ClosedLoop closed -> predictions.add(network.prediction(closed.clients()));
            case OpenLoop open -> predictions.add(network.prediction(open.ratePerSecond()));
          }
        }
        text.append("latency ").append(group.getKey().describe()).append(System.lineSeparator());
        text.append(PredictionTable.render(predictions));
        if (bursts > 0) {
          text.append(bursts)
              .append(" point(s) left out: a burst of no more requests than clients has no")
              .append(" steady state to predict")
              .append(System.lineSeparator());
        }
      }
    }
    return text.toString();
  }

  private static Map<InjectedLatency, List<ScenarioPoint>> byLatency(List<ScenarioPoint> points) {
    var groups = new LinkedHashMap<InjectedLatency, List<ScenarioPoint>>();
    points.forEach(p -> groups.computeIfAbsent(p.latency(), k -> new ArrayList<>()).add(p));
    return groups;
  }

  private static String describe(Limits limits) {
    return "server threads "
        + orNone(limits.serverThreads())
        + ", db pool "
        + orNone(limits.dbPool())
        + ", upstream connections "
        + orNone(limits.httpConnections())
        + ", executor threads "
        + orNone(limits.executorThreads());
  }

  private static String orNone(Integer limit) {
    return limit == null ? "unbounded" : limit.toString();
  }
}
