package dev.caas.harness;

import java.util.List;

/**
 * Everything one {@code bench} produced: what was run where ({@link Provenance}), how ({@link BenchConfig}),
 * the runs, and the variants that were not run.
 */
public record BenchReport(Provenance provenance, BenchConfig config, List<RunResult> runs, List<NotRun> notRun) {

  public BenchReport {
    runs = List.copyOf(runs);
    notRun = List.copyOf(notRun);
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
}
