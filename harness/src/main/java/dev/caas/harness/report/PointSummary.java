package dev.caas.harness.report;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RepeatSummary;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.theory.CpuDemand;
import dev.caas.harness.theory.QueueingTheory;
import dev.caas.harness.theory.Theory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * One variant at one scenario point, over its repetitions: the median of each figure across the
 * runs (with one run, the run's own figures). What the sweep charts and tables draw.
 *
 * @param runs how many repetitions it summarises
 * @param theory the prediction (the same for every repetition but for the measured machine bound;
 *     the first run's)
 * @param model the queueing model's prediction for the point, see {@link #model(BenchReport,
 *     RunResult)}
 * @param billed billing events over the repetitions
 * @param served 200s over the repetitions
 * @param balanced every repetition's books balanced, file by file
 * @param throughputSpread the runs' throughput, coefficient of variation; NaN for one run
 */
public record PointSummary(
    Variant variant,
    ScenarioPoint point,
    int runs,
    double medianMs,
    double p99Ms,
    double throughputRps,
    int errors,
    Theory theory,
    QueueingTheory model,
    long billed,
    long served,
    boolean balanced,
    double throughputSpread) {

  /** Per point (in the scenario's order), per variant (in the bench's order). */
  public static List<PointSummary> of(BenchReport report) {
    var groups = new LinkedHashMap<String, List<RunResult>>();
    report.runs().stream()
        .sorted(
            Comparator.comparingInt((RunResult run) -> report.pointOf(run).index())
                .thenComparingInt(run -> report.config().variants().indexOf(run.variant())))
        .forEach(
            run ->
                groups
                    .computeIfAbsent(
                        report.pointOf(run).index() + "/" + run.variant(), k -> new ArrayList<>())
                    .add(run));
    var summaries = new ArrayList<PointSummary>();
    for (List<RunResult> runs : groups.values()) {
      RunResult first = runs.getFirst();
      summaries.add(
          new PointSummary(
              first.variant(),
              report.pointOf(first),
              runs.size(),
              median(runs, run -> run.latency().medianMs()),
              median(runs, run -> run.latency().p99Ms()),
              median(runs, RunResult::throughputRps),
              runs.stream().mapToInt(RunResult::errors).sum(),
              first.theory(),
              model(report, first),
              runs.stream().mapToLong(run -> run.billing().billed()).sum(),
              runs.stream().mapToLong(run -> run.billing().served()).sum(),
              runs.stream().allMatch(run -> run.billing().balanced()),
              spread(runs, RunResult::throughputRps)));
    }
    return summaries;
  }

  /**
   * The queueing model of one run: its variant's network from the limits it reported, the point's
   * latency and load, the machine its variant process was probed as with no latency when it was
   * ({@link RunResult#machine()}), else the CPU demand with the cores the JIT compilers took in the
   * run's window as background ({@link CpuDemand#whileCompiling}), and the machine's cores.
   */
  static QueueingTheory model(BenchReport report, RunResult run) {
    ScenarioPoint point = report.pointOf(run);
    CpuDemand demand = cpuDemand(report, run.variant());
    return QueueingTheory.of(
        run.variant(),
        run.limits(),
        point.latency(),
        point.workload(),
        run.costs().map(costs -> demand.whileCompiling(costs.window().jitCores())).orElse(demand),
        report.provenance().cores(),
        run.machine().orElse(null));
  }

  /**
   * {@code --cpu-demand} when given; else what this report's runs of the variant measured, when
   * they are enough points for the service demand law ({@link CpuDemand#fromUtilisation}), or, when
   * their line bends too much to fit, at the busiest of them ({@link CpuDemand#atBusiestPoint});
   * else the model's estimate. The utilisation is the whole machine's busy CPU (every process, and
   * the kernel's work for the rig's loopback traffic, which no process is charged for: a fifth of
   * the machine at saturation here), less the JIT compilers' (which falls from point to point as
   * the JVMs warm, and would tilt the line). On a machine shared with other work, that work is in
   * it too: constant, it lands in the intercept; varying, it is noise in the fit.
   */
  static CpuDemand cpuDemand(BenchReport report, Variant variant) {
    if (report.config().cpuDemand() != null) {
      return CpuDemand.given(report.config().cpuDemand());
    }
    List<CpuDemand.Utilisation> points =
        report.runs().stream()
            .filter(run -> run.variant() == variant)
            .flatMap(run -> run.costs().stream())
            .filter(costs -> costs.requests() > 0 && !costs.window().window().isZero())
            .map(
                costs -> {
                  double seconds = costs.window().window().toNanos() / 1e9;
                  return new CpuDemand.Utilisation(
                      costs.requests() / seconds,
                      costs.window().machineCpuMillisWithoutJit() / seconds);
                })
            .toList();
    return CpuDemand.fromUtilisation(points)
        .or(() -> points.size() >= 3 ? CpuDemand.atBusiestPoint(points) : Optional.empty())
        .orElse(CpuDemand.estimate(variant));
  }

  /** The figure's coefficient of variation over the runs; NaN for fewer than two. */
  private static double spread(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
    if (runs.size() < 2) {
      return Double.NaN;
    }
    double[] values = runs.stream().mapToDouble(figure).toArray();
    return new StandardDeviation().evaluate(values) / new Mean().evaluate(values);
  }

  private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
    double[] values =
        runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    return RepeatSummary.median(values);
  }

  /** Measured median over the predicted one; {@code NaN} when the theory does not apply. */
  public double medianOverTheory() {
    return theory.applies() ? medianMs / theory.medianMs() : Double.NaN;
  }

  /** Measured throughput over the predicted one. */
  public double throughputOverTheory() {
    return theory.applies() && Double.isFinite(theory.throughputRps())
        ? throughputRps / theory.throughputRps()
        : Double.NaN;
  }

  /** Measured median over the queueing model's; {@code NaN} when the model does not apply. */
  public double medianOverModel() {
    return medianMs / model.medianMs();
  }

  /** Measured throughput over the queueing model's. */
  public double throughputOverModel() {
    return throughputRps / model.throughputRps();
  }

  /** The variants present, in order of first appearance. */
  static List<Variant> variants(List<PointSummary> summaries) {
    return summaries.stream().map(PointSummary::variant).distinct().toList();
  }

  static double[] values(List<PointSummary> summaries, ToDoubleFunction<PointSummary> figure) {
    return summaries.stream().mapToDouble(figure).toArray();
  }

  static boolean anyFinite(double[] values) {
    return Arrays.stream(values).anyMatch(Double::isFinite);
  }
}
