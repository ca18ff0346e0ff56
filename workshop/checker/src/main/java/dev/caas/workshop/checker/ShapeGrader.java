package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.inL;
import static dev.caas.workshop.checker.Figures.ms;

import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latency shape of one request, against the theory: a few requests from two clients at L on
 * both proxies, each step read from the {@code Server-Timing} the variant sent.
 *
 * <ul>
 *   <li>A <b>gathered</b> exercise passes when the median request takes ≈ L_u + L_d (2 L) and
 *       billing and name ran side by side in nearly every request; a sequential handler shows them
 *       one after the other.
 *   <li>A <b>sequential</b> exercise (the hidden round trip) passes when the median takes ≈ L_u +
 *       2·L_d (3 L) and each database step ≈ one L: a step that costs two round trips hides one.
 * </ul>
 *
 * Every request must also be served and billed exactly once: a fast handler that fails is not a
 * solution. A gathered handler is then run once more with a step failing beside the other ({@link
 * FaultCheck}): the first failure must fail the request as that step's {@code StepFailure}, the
 * contract's status and step, and leave nothing billed; and one such answer, read whole ({@link
 * ErrorBodyProbe}), must carry the request's id, as the contract's error body does.
 */
final class ShapeGrader implements Grader {
  static final Duration L = Duration.ofMillis(50);
  static final int CLIENTS = 2;
  static final int REQUESTS = 16;

  /** Enough at no latency for the JIT to compile the request path. */
  static final int WARMUP = 100;

  /**
   * A median this far above the theory means something waits that the theory does not count.
   * Generous on purpose: the shape (side by side, one L per step) is the verdict, and on a busy
   * two-core machine every step costs L plus 5–20 ms.
   */
  static final double SLACK = 1.6;

  /** Side by side in at least this share of the requests. */
  static final double SIDE_BY_SIDE = 0.8;

  /** A database step that costs more than this many L hides a round trip. */
  static final double ONE_ROUND_TRIP = 1.4;

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    RunResult run;
    try {
      run =
          lab.bench(
                  exercise.wireName(),
                  subject.jar(),
                  exercise.variant(),
                  config ->
                      config.latency(L).concurrency(CLIENTS).requests(REQUESTS).warmup(WARMUP))
              .runs()
              .getFirst();
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    }
    var evidence = new ArrayList<String>();
    evidence.add(
        run.requests()
            + " requests from "
            + CLIENTS
            + " clients at L = "
            + ms(L.toMillis())
            + " on both proxies: step medians "
            + Figures.stepMedians(run, L.toMillis()));
    evidence.addAll(Figures.waterfall(run));

    Optional<Verdict> broken = Correctness.check(exercise, run, evidence);
    if (broken.isPresent()) {
      return broken.get();
    }
    if (exercise.variant().composition() != Composition.GATHERED) {
      return oneRoundTripPerStep(exercise, run, evidence);
    }
    Verdict shape = gathered(exercise, run, evidence);
    return shape.passed() ? failingAsTheContractSays(exercise, subject, lab, shape) : shape;
  }

  /**
   * The gathered shape holds; now a step fails while the other runs beside it ({@link FaultCheck}):
   * the request must fail as the step's {@code StepFailure} says (a 504 that blames the name), and
   * stay unbilled. A failure rethrown inside another exception (a {@code CompletionException})
   * reaches the server as a 500.
   */
  private static Verdict failingAsTheContractSays(
      Exercise exercise, Subject subject, Lab lab, Verdict shape) throws Exception {
    String label = exercise.wireName() + "-" + FaultCheck.FAULT.wireName();
    // One answer is read whole at the end of the fault run, from its variant: no launch of its own.
    var errorBody = new ErrorBodyProbe(lab, lab.launchedJar(label, exercise.variant()).toString());
    FaultRun run;
    Optional<String> wrongBody;
    try {
      run = FaultCheck.run(label, exercise, subject, lab, errorBody);
      wrongBody = errorBody.wrongAnswer();
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    }
    var evidence = new ArrayList<>(shape.evidence());
    evidence.add("");
    evidence.add("then a step failing beside the other:");
    FaultCheck.evidence(run).forEach(line -> evidence.add("  " + line));
    FaultCheck.notes(run, evidence, List.of("unexpected", "no error", "billing"));
    Optional<Verdict> cannotTell = FaultCheck.didNotTakeEffect(exercise, run, evidence);
    if (cannotTell.isPresent()) {
      return cannotTell.get();
    }
    Optional<String> unexpected = FaultCheck.unexpectedErrors(run);
    if (unexpected.isPresent()) {
      return butUnderTheFault(
          shape,
          "with the dog table locked, the failing name lookup did not fail the request as the"
              + " contract says: "
              + unexpected.get()
              + ". The step's StepFailure did not reach the server as it was thrown.",
          evidence);
    }
    if (!run.billing().balanced()) {
      return butUnderTheFault(
          shape,
          "with the dog table locked, the ledger holds "
              + run.billing().billed()
              + " billing events for "
              + FaultCheck.served(run)
              + ": "
              + run.billing().describeMismatches()
              + ". A failed request's billing stayed.",
          evidence);
    }
    if (wrongBody.isPresent()) {
      return butUnderTheFault(
          shape,
          wrongBody.get() + ". The server did not get the step's StepFailure as it was thrown.",
          evidence);
    }
    var why = new ArrayList<>(shape.why());
    why.add(
        "With the dog table locked, "
            + FaultCheck.failedDuring(run)
            + " requests failed as the contract says ("
            + run.describeErrors()
            + ") and none stayed billed; one read whole named the name step and its request.");
    return Verdict.pass(exercise.wireName(), why, evidence);
  }

  /** The shape's headline, then what went wrong once a step failed: {@code But …}. */
  private static Verdict butUnderTheFault(Verdict shape, String sentence, List<String> evidence) {
    return Verdict.fail(
        shape.exercise(), List.of(shape.why().getFirst(), "But " + sentence), evidence);
  }

  private Verdict gathered(Exercise exercise, RunResult run, List<String> evidence) {
    double l = L.toMillis();
    double median = run.latency().medianMs();
    double theory = run.theory().serviceTimeMs();
    List<Sample> served = run.samples().stream().filter(Sample::ok).toList();
    long sideBySide = served.stream().filter(Figures::sideBySide).count();
    boolean gathered = sideBySide >= SIDE_BY_SIDE * served.size();
    String medianSentence =
        "median " + inL(median, l) + " (" + ms(median) + " at L = " + ms(l) + ")";
    String theorySentence =
        "a gathered handler takes ≈ " + inL(theory, l) + " (theory " + ms(theory) + ": L_u + L_d)";
    String steps = medianRequestSteps(run);
    if (!gathered) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              medianSentence + "; " + theorySentence + ".",
              capitalized(steps)
                  + ": they are still sequential (side by side in "
                  + sideBySide
                  + " of "
                  + served.size()
                  + " requests)."),
          evidence);
    }
    if (median > SLACK * theory) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              medianSentence + "; " + theorySentence + ".",
              capitalized(steps)
                  + ": side by side, yet the request takes far longer than the theory says:"
                  + " something else waits (the gap between the client's time and the server's total is time"
                  + " outside the handler)."),
          evidence);
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            medianSentence
                + ", theory "
                + inL(theory, l)
                + " ("
                + ms(theory)
                + "): "
                + steps
                + ", side by side in "
                + sideBySide
                + " of "
                + served.size()
                + " requests.",
            served.size() + " photos served, each billed once."),
        evidence);
  }

  private Verdict oneRoundTripPerStep(Exercise exercise, RunResult run, List<String> evidence) {
    double l = L.toMillis();
    double median = run.latency().medianMs();
    double theory = run.theory().serviceTimeMs();
    double billing = Figures.stepMedian(run, "billing");
    double name = Figures.stepMedian(run, "name");
    double slowest = Math.max(billing, name);
    String medianSentence =
        "median " + inL(median, l) + " (" + ms(median) + " at L = " + ms(l) + ")";
    String stepSentence =
        "billing took " + inL(billing, l) + " and name " + inL(name, l) + " (step medians)";
    if (slowest > ONE_ROUND_TRIP * l) {
      String paying =
          billing > ONE_ROUND_TRIP * l && name > ONE_ROUND_TRIP * l
              ? "both pay"
              : (billing > name ? "billing pays" : "name pays");
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              medianSentence
                  + " where theory says "
                  + inL(theory, l)
                  + " ("
                  + ms(theory)
                  + ": L_u + 2·L_d).",
              capitalized(stepSentence)
                  + ", yet each is one statement, one round trip: "
                  + paying
                  + " for another round trip before the statement is sent."),
          evidence);
    }
    if (median > SLACK * theory) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              medianSentence + " where theory says " + inL(theory, l) + " (" + ms(theory) + ").",
              capitalized(stepSentence)
                  + ": each step costs one round trip, but the request waits somewhere"
                  + " else."),
          evidence);
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            medianSentence
                + ", theory "
                + inL(theory, l)
                + " ("
                + ms(theory)
                + "): "
                + stepSentence
                + ", one round trip per step and none hidden.",
            run.ok() + " photos served, each billed once."),
        evidence);
  }

  /** {@code in the median request billing ran 50–101 ms and name 101–152 ms} */
  private static String medianRequestSteps(RunResult run) {
    Optional<ServerTiming.Metric> billing = Figures.medianRequestStep(run, "billing");
    Optional<ServerTiming.Metric> name = Figures.medianRequestStep(run, "name");
    if (billing.isEmpty() || name.isEmpty()) {
      return "the median request did not time billing and name in its Server-Timing";
    }
    return "in the median request billing ran "
        + Figures.span(billing.get())
        + " and name "
        + Figures.span(name.get());
  }

  private static String capitalized(String sentence) {
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
