package dev.caas.workshop.checker;

import dev.caas.harness.bench.RunResult;
import java.util.List;
import java.util.Optional;

/**
 * Before its speed counts, a run must be correct: every request served, every photo billed exactly
 * once.
 */
final class Correctness {
  private Correctness() {}

  /**
   * A failing verdict when the run failed requests or its billing does not balance; empty when it
   * is correct.
   */
  static Optional<Verdict> check(Exercise exercise, RunResult run, List<String> evidence) {
    if (run.errors() > 0) {
      return Optional.of(
          Verdict.fail(
              exercise.wireName(),
              List.of(
                  run.errors()
                      + " of "
                      + run.requests()
                      + " requests failed ("
                      + Figures.errorKinds(run)
                      + "): a handler must answer every request before its latency counts."),
              evidence,
              "run ./mvnw -pl workshop/exercises/"
                  + exercise.wireName()
                  + " -am verify -Dtest=ExerciseContractTest -Dsurefire.failIfNoSpecifiedTests=false for the contract"
                  + " suite, and read the variant's log under target/caas-check/."));
    }
    if (!run.billing().balanced()) {
      return Optional.of(
          Verdict.fail(
              exercise.wireName(),
              List.of(
                  "billed "
                      + run.billing().billed()
                      + " for "
                      + run.billing().served()
                      + " photos served: "
                      + run.billing().describeMismatches()
                      + "."),
              evidence));
    }
    return Optional.empty();
  }
}
