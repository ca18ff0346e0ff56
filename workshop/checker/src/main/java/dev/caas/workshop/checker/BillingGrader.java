package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.ms;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.faults.FaultRun;
import dev.caas.testbed.Fault;
import java.util.ArrayList;
import java.util.List;

/**
 * Bill exactly once, graded as the harness's fault matrix grades a variant ({@code caas bench
 * --fault dog-table-locked}): a short closed loop of 4 clients with the {@code dog} table locked
 * from a third to two thirds of it, so that billing commits and the name lookup waits into the 1 s
 * deadline (a 504). Then, once every pending compensation is done, the billing ledger must hold
 * exactly one event per photo served: the 504s may not stay billed.
 */
final class BillingGrader implements Grader {
  static final Fault FAULT = Fault.DOG_TABLE_LOCKED;

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    FaultRun run;
    try {
      BenchReport report =
          lab.bench(
              exercise.wireName(),
              subject.jar(),
              exercise.variant(),
              config -> config.faults(FAULT));
      run = report.faultRuns().getFirst();
    } catch (Lab.NotMeasured e) {
      return Verdict.fail(
          exercise.wireName(),
          List.of("it did not run: " + e.getMessage()),
          List.of(),
          "run ./caas check " + exercise.wireName() + " again after fixing what the log says.");
    }
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
            + run.billing().served()
            + " photos served; compensations "
            + run.billing().compensations().describe());

    // This exercise is about billing; the fault matrix's other checks (time to fail, idle pools,
    // recovery) are
    // the implementation's, and are shown, not graded, unless the fault did not take effect at all.
    var notes = run.problems().stream().filter(p -> !p.tag().equals("billing")).toList();
    notes.forEach(p -> evidence.add("also: " + p.sentence()));
    int failedDuring = run.phases().get(FaultPhases.Phase.DURING)[1];
    if (failedDuring == 0) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              "no request failed while the dog table was locked, so"
                  + " there was nothing to undo: the fault did not take effect, and this run cannot tell."),
          evidence,
          "run ./caas check "
              + exercise.wireName()
              + " again; the name lookup must wait for the lock.");
    }
    if (!run.billing().balanced()) {
      var why = new ArrayList<String>();
      why.add(
          failedDuring
              + " requests failed while the dog table was locked ("
              + run.describeErrors()
              + "), yet the ledger holds "
              + run.billing().billed()
              + " billing events for "
              + run.billing().served()
              + " photos served: "
              + signed(run.billing().difference())
              + " billed for photos nobody got.");
      why.add("Billing commits beside the name lookup; when the lookup fails, nothing undoes it.");
      return Verdict.fail(
          exercise.wireName(),
          why,
          evidence,
          "wrap steps 2 and 3 in compensations.undoBillingIfFails(request, () -> ...): it deletes the billing"
              + " event of a failed request in the background, so the 504 is not kept waiting.");
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            failedDuring
                + " requests failed while the dog table was locked ("
                + run.describeErrors()
                + ") and none"
                + " of them stayed billed: "
                + run.billing().billed()
                + " billing events for "
                + run.billing().served()
                + " photos served, compensations "
                + run.billing().compensations().describe()
                + "."),
        evidence);
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
