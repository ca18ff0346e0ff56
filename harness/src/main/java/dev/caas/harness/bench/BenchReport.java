package dev.caas.harness.bench;

import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.stats.ErrorSummary;
import dev.caas.harness.variant.HealthWait;
import dev.caas.harness.variant.Provenance;
import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code bench} produced: what was run where ({@link Provenance}), how ({@link
 * BenchConfig}), the runs, the variants that were not run, and the generator's calibration it was
 * checked against.
 *
 * @param calibration from {@code caas calibrate}, or empty: "not calibrated"
 * @param faultRuns the fault matrix's cells ({@link Scenario#FAULTS}); empty for the other
 *     scenarios, whose measurements are the {@code runs}
 */
public record BenchReport(
    Provenance provenance,
    BenchConfig config,
    List<RunResult> runs,
    List<NotRun> notRun,
    Optional<Calibration> calibration,
    List<FaultRun> faultRuns) {

  public BenchReport {
    runs = List.copyOf(runs);
    notRun = List.copyOf(notRun);
    faultRuns = List.copyOf(faultRuns);
  }

  /** A report of runs, no fault matrix. */
  public BenchReport(
      Provenance provenance,
      BenchConfig config,
      List<RunResult> runs,
      List<NotRun> notRun,
      Optional<Calibration> calibration) {
    this(provenance, config, runs, notRun, calibration, List.of());
  }

  /** A report checked against no calibration. */
  public BenchReport(
      Provenance provenance, BenchConfig config, List<RunResult> runs, List<NotRun> notRun) {
    this(provenance, config, runs, notRun, Optional.empty());
  }

  /**
   * At least one variant ran, every run passed ({@link RunResult#passed()}), every cell of the
   * fault matrix did ({@link FaultRun#passed()}), and no variant that had to run failed to; the
   * command's exit code.
   */
  public boolean passed() {
    return (!runs.isEmpty() || !faultRuns.isEmpty())
        && runs.stream().allMatch(RunResult::passed)
        && faultRuns.stream().allMatch(FaultRun::passed)
        && notRun.stream().allMatch(NotRun::skipped);
  }

  /**
   * Why runs or cells failed, one line each: a run's errors by kind, the filenames whose billed and
   * served counts differ, a fault cell's reasons. Variants that could not run are in {@link
   * #notRun()}.
   */
  public List<String> failures() {
    var lines = new java.util.ArrayList<String>();
    for (RunResult run : runs) {
      String name =
          run.variant().wireName()
              + (run.repetition() > 1 ? " #" + run.repetition() : "")
              + (points().size() > 1 ? " at " + pointOf(run).describe() : "");
      if (run.errors() > 0) {
        lines.add(
            "FAIL "
                + name
                + ": "
                + run.errors()
                + " of "
                + run.requests()
                + " requests failed ("
                + ErrorSummary.describe(run.samples())
                + ")");
      }
      if (!run.billing().balanced()) {
        lines.add(
            "FAIL "
                + name
                + ": billing differs, billed "
                + run.billing().billed()
                + ", served "
                + run.billing().served()
                + ": "
                + run.billing().describeMismatches()
                + (run.billing().compensations().outcome() == HealthWait.Outcome.SETTLED
                        || run.billing().compensations().outcome() == HealthWait.Outcome.NOT_ASKED
                    ? ""
                    : "; compensations " + run.billing().compensations().describe()));
      }
    }
    lines.addAll(FaultMatrix.of(faultRuns).failureLines());
    return lines;
  }

  /**
   * The scenario point a run measured: its own, or for a run made outside a scenario, the config's
   * only one.
   */
  public ScenarioPoint pointOf(RunResult run) {
    return run.point() != null ? run.point() : config.points().getFirst();
  }

  /** The scenario's points (several in a sweep). */
  public List<ScenarioPoint> points() {
    return config.points();
  }

  /** Runs that the generator's calibration cannot vouch for; see {@link GeneratorCeiling}. */
  public List<String> generatorFlags() {
    return GeneratorCeiling.flags(runs, calibration);
  }
}
