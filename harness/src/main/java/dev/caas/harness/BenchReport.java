package dev.caas.harness;

import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code bench} produced: what was run where ({@link Provenance}), how ({@link BenchConfig}),
 * the runs, the variants that were not run, and the generator's calibration it was checked against.
 *
 * @param calibration from {@code caas calibrate}, or empty: "not calibrated"
 */
public record BenchReport(
    Provenance provenance, BenchConfig config, List<RunResult> runs, List<NotRun> notRun,
    Optional<Calibration> calibration) {

  public BenchReport {
    runs = List.copyOf(runs);
    notRun = List.copyOf(notRun);
  }

  /** A report checked against no calibration. */
  public BenchReport(Provenance provenance, BenchConfig config, List<RunResult> runs, List<NotRun> notRun) {
    this(provenance, config, runs, notRun, Optional.empty());
  }

  /**
   * At least one variant ran, every run passed ({@link RunResult#passed()}), and no variant that had to run
   * failed to; the command's exit code.
   */
  public boolean passed() {
    return !runs.isEmpty()
        && runs.stream().allMatch(RunResult::passed)
        && notRun.stream().allMatch(NotRun::skipped);
  }

  /** The scenario point a run measured: its own, or for a run made outside a scenario, the config's only one. */
  public LoadPoint pointOf(RunResult run) {
    return run.point() != null ? run.point() : config.points().getFirst();
  }

  /** The scenario's points (several in a sweep). */
  public List<LoadPoint> points() {
    return config.points();
  }

  /** Runs that the generator's calibration cannot vouch for; see {@link GeneratorCeiling}. */
  public List<String> generatorFlags() {
    return GeneratorCeiling.flags(runs, calibration);
  }
}
