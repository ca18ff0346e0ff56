package dev.caas.harness.report;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.cost.JvmCost;
import dev.caas.harness.cost.PlateauSample;
import dev.caas.harness.cost.RunCosts;
import dev.caas.harness.cost.VariantWaitingCost;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The costs a report shows, gathered from its runs: each metered run with its label, and per
 * variant the cost of a waiting request fitted over its plateau samples (the scale scenario's
 * points, first repetition).
 */
final class CostSummary {
  private CostSummary() {}

  /** A metered run and how the report names it. */
  record Metered(RunResult run, String label, RunCosts costs) {}

  /** The runs that carry costs, in the report's order. */
  static List<Metered> metered(BenchReport report) {
    boolean several = report.points().size() > 1;
    boolean repeated = report.config().repeat() > 1;
    var metered = new ArrayList<Metered>();
    for (RunResult run : report.runs()) {
      if (run.costs().isEmpty()) {
        continue;
      }
      String label =
          run.variant().wireName()
              + (repeated ? " #" + run.repetition() : "")
              + (several ? " at " + report.pointOf(run).describe() : "");
      metered.add(new Metered(run, label, run.costs().get()));
    }
    return metered;
  }

  /**
   * Per variant with at least two plateau samples from points that passed: predicted against
   * measured. A point with errors (a variant out of heap, requests past their deadline) is left out
   * of the fit, its costs stay in the per-run lines.
   */
  static List<VariantWaitingCost> waitingCosts(BenchReport report) {
    var variants = new LinkedHashSet<Variant>();
    report.runs().forEach(run -> variants.add(run.variant()));
    var fitted = new ArrayList<VariantWaitingCost>();
    for (Variant variant : variants) {
      var samples = new ArrayList<PlateauSample>();
      Optional<JvmCost> jvm = Optional.empty();
      for (RunResult run : report.runs()) {
        // A point with errors is not a plateau: its requests failed or queued instead of waiting.
        if (run.variant() != variant
            || run.repetition() != 1
            || run.costs().isEmpty()
            || !run.passed()) {
          continue;
        }
        run.costs().get().plateau().ifPresent(samples::add);
        jvm = jvm.or(() -> run.costs().get().window().variantJvm());
      }
      if (jvm.isPresent()) {
        VariantWaitingCost.of(variant.wireName(), samples, jvm.get().flags())
            .ifPresent(fitted::add);
      }
    }
    return fitted;
  }
}
