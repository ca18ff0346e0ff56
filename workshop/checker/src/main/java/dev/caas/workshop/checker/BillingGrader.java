package dev.caas.workshop.checker;

import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bill exactly once, graded as the harness's fault matrix grades a variant ({@link FaultCheck}: the
 * {@code dog} table locked while requests run, so that billing commits and the name lookup fails at
 * the deadline). Once every pending compensation is done, the billing ledger must hold exactly one
 * event per photo served: the 504s may not stay billed.
 *
 * <p>The exercise's premise is graded too: it runs as loom-gathered, so billing and name must still
 * run side by side in the requests served. A handler that stops gathering (name first, billing only
 * when it succeeds) would bill exactly once without undoing anything, and would teach nothing.
 */
final class BillingGrader implements Grader {

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    FaultRun run;
    try {
      run = FaultCheck.run(exercise.wireName(), exercise, subject, lab);
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    }
    var evidence = new ArrayList<>(FaultCheck.evidence(run));
    // This exercise is about billing; the fault matrix's other checks (time to fail, idle pools,
    // recovery) are the implementation's, and are shown, not graded.
    FaultCheck.notes(run, evidence, List.of("billing", "no error"));
    Optional<Verdict> cannotTell = FaultCheck.didNotTakeEffect(exercise, run, evidence);
    if (cannotTell.isPresent()) {
      return cannotTell.get();
    }
    int failedDuring = FaultCheck.failedDuring(run);
    List<Sample> served = run.samples().stream().filter(Sample::ok).toList();
    long sideBySide = served.stream().filter(Figures::sideBySide).count();
    if (sideBySide < ShapeGrader.SIDE_BY_SIDE * served.size()) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              "billing and name ran side by side in "
                  + sideBySide
                  + " of "
                  + served.size()
                  + " requests served: the handler no longer gathers, so it is not the"
                  + " loom-gathered variant this exercise runs as.",
              "Gathered, billing commits beside a name lookup that may still fail; that is the"
                  + " failure to undo, and it must stay."),
          evidence);
    }
    if (!run.billing().balanced()) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              failedDuring
                  + " requests failed while the dog table was locked ("
                  + run.describeErrors()
                  + "), yet the ledger holds "
                  + run.billing().billed()
                  + " billing events for "
                  + FaultCheck.served(run)
                  + ": "
                  + signed(run.billing().difference())
                  + " billed for photos nobody got.",
              "Billing committed beside the name lookup; when the lookup failed, the billing"
                  + " event stayed."),
          evidence);
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            failedDuring
                + " requests failed while the dog table was locked ("
                + run.describeErrors()
                + ") and none of them stayed billed: "
                + run.billing().billed()
                + " billing events for "
                + FaultCheck.served(run)
                + ", compensations "
                + run.billing().compensations().describe()
                + ".",
            "Billing and name ran side by side in "
                + sideBySide
                + " of "
                + served.size()
                + " requests served."),
        evidence);
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
