package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.ms;

import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Progress;
import dev.caas.testbed.Fault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exercise's jar under one cell of the harness's fault matrix, as {@code caas bench --fault
 * dog-table-locked} runs a variant: a short closed loop of 4 clients with the {@code dog} table
 * locked from a third to two thirds of it, so that billing commits and the name lookup waits into
 * the 1 s deadline. The contract says how such a request fails (a 504 that blames the name step)
 * and that it is not billed; a handler that wraps the step's failure in another exception answers a
 * 500 instead, and one that does not undo the billing leaves it in the ledger.
 */
final class FaultCheck {
  static final Fault FAULT = Fault.DOG_TABLE_LOCKED;

  private FaultCheck() {}

  /** Runs the cell; {@code label} names its folder (and its report folder under {@code --out}). */
  static FaultRun run(String label, Exercise exercise, Subject subject, Lab lab)
      throws IOException, Lab.NotMeasured {
    return run(label, exercise, subject, lab, Progress.SILENT);
  }

  /** The same, with a watcher told the bench's progress (a probe made before the variant stops). */
  static FaultRun run(String label, Exercise exercise, Subject subject, Lab lab, Progress watcher)
      throws IOException, Lab.NotMeasured {
    return lab.bench(
            label, subject.jar(), exercise.variant(), config -> config.faults(FAULT), watcher)
        .faultRuns()
        .getFirst();
  }

  /** The load, its three phases, the errors and the billing, as lines of evidence. */
  static List<String> evidence(FaultRun run) {
    var evidence = new ArrayList<String>();
    evidence.add(
        run.requests()
            + " requests from "
            + run.load().clients()
            + " clients, deadline "
            + ms(run.deadline().toMillis())
            + "; "
            + FAULT.description()
            + ", from a third to two thirds of the run:");
    run.phases()
        .forEach(
            (phase, counts) ->
                evidence.add(
                    "  "
                        + phase.wireName()
                        + ": "
                        + counts[0]
                        + " requests, "
                        + counts[1]
                        + " failed"));
    evidence.add(
        "errors: "
            + run.describeErrors()
            + (run.errors().isEmpty()
                ? ""
                : ", median time to fail " + ms(run.timeToFailMedianMs())));
    evidence.add(
        "billing: "
            + run.billing().billed()
            + " events for "
            + served(run)
            + "; compensations "
            + run.billing().compensations().describe());
    return evidence;
  }

  /**
   * {@code 152 photos served (151 in the load, and the one request sent after recovery)}: the
   * ledger is reconciled against both, so the count is one more than the load's.
   */
  static String served(FaultRun run) {
    long inTheLoad = run.samples().stream().filter(Sample::ok).count();
    long afterRecovery = run.billing().served() - inTheLoad;
    return run.billing().served()
        + " photos served ("
        + inTheLoad
        + " in the load"
        + (afterRecovery == 1 ? ", and the one request sent after recovery" : "")
        + ")";
  }

  /** Requests that failed while the fault lasted. */
  static int failedDuring(FaultRun run) {
    return run.phases().get(FaultPhases.Phase.DURING)[1];
  }

  /**
   * The fault did not take effect: nothing failed while it lasted, so the run tells nothing about
   * failures.
   */
  static Optional<Verdict> didNotTakeEffect(
      Exercise exercise, FaultRun run, List<String> evidence) {
    if (failedDuring(run) > 0) {
      return Optional.empty();
    }
    return Optional.of(
        Verdict.fail(
            exercise.wireName(),
            List.of(
                "no request failed while the dog table was locked, so there was no failure to"
                    + " grade: the fault did not take effect, and this run cannot tell."),
            evidence,
            "run ./caas check "
                + exercise.wireName()
                + " again; the name lookup must wait for the lock."));
  }

  /**
   * Errors the contract does not allow for this fault ({@code 500 ×4}), as the fault matrix counts
   * them; empty when every error was the contract's.
   */
  static Optional<String> unexpectedErrors(FaultRun run) {
    return run.problems().stream()
        .filter(p -> p.tag().equals("unexpected"))
        .map(FaultRun.Problem::sentence)
        .findFirst();
  }

  /** The fault matrix's other findings (slow errors, busy pools), shown, not graded. */
  static void notes(FaultRun run, List<String> evidence, List<String> graded) {
    run.problems().stream()
        .filter(p -> !graded.contains(p.tag()))
        .forEach(
            p ->
                evidence.add(
                    "also, shown but not graded (the fault matrix's own finding, not the"
                        + " exercise's): "
                        + p.sentence()));
  }
}
