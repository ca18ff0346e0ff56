package dev.caas.harness.faults;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.Sample;
import dev.caas.harness.stats.ErrorSummary;
import dev.caas.harness.text.Millis;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.HealthWait;
import dev.caas.testbed.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One cell of the fault matrix: one variant under one {@link Fault}, injected a third into a {@link
 * FaultPhases} and healed at two thirds, and what followed.
 *
 * <p>The cell passes when the variant kept the contract through it:
 *
 * <ul>
 *   <li>every error is one the fault allows: its status in {@link Fault#expectedStatuses()}, the
 *       step its JSON body blames in {@link Fault#expectedSteps()}; and at least one request did
 *       fail while the fault lasted (otherwise nothing was measured). For {@link
 *       Fault#CLIENT_ABORT}, whose leaving clients get no answer, no error is allowed and at least
 *       one client must have left;
 *   <li>no error took longer than the deadline plus {@link #TOLERANCE}: a fault is answered, never
 *       waited out;
 *   <li>once the load stopped, the variant's pools went back to idle ({@link
 *       HealthWait#idle(Integer)}) within {@link HealthWait#TIMEOUT};
 *   <li>the first request after that was a 200;
 *   <li>the billing ledger, read after every compensation was done, matches the photos delivered:
 *       the 200s whose whole body reached the harness (see {@link BillingCheck}).
 * </ul>
 *
 * @param limits the variant's limits, from its {@code /health}
 * @param deadline the request deadline the variant was started with
 * @param samples the fault load's requests, times from the run's start
 * @param injectedNanos when the fault was in place, from the run's start
 * @param healedNanos when it was healed, from the run's start
 * @param idle how the wait for idle pools after the load ended
 * @param afterRecovery the one request sent after that, its times from its own start
 * @param billing the reconciliation, over the samples and the request after recovery
 */
public record FaultRun(
    Variant variant,
    Fault fault,
    Limits limits,
    Duration deadline,
    FaultPhases load,
    List<Sample> samples,
    long injectedNanos,
    long healedNanos,
    HealthWait idle,
    Sample afterRecovery,
    BillingCheck billing) {

  public FaultRun {
    samples = List.copyOf(samples);
  }

  /** The short tags of {@link #problems()}, in the order the checks run; the matrix prints them. */
  /** An error may take this much longer than the deadline: the answer's own way back. */
  public static final Duration TOLERANCE = Duration.ofMillis(50);

  public static final List<String> TAGS =
      List.of("unexpected", "no error", "slow", "busy", "recovery", "billing");

  /** A reason the cell failed: its tag for the matrix and a sentence for the failure line. */
  public record Problem(String tag, String sentence) {}

  public int requests() {
    return samples.size();
  }

  /** The requests answered with something other than a photo; not those whose client left. */
  public List<Sample> errors() {
    return samples.stream().filter(s -> !s.ok() && !s.left()).toList();
  }

  /** The requests whose client left before the answer ({@link Fault#CLIENT_ABORT}). */
  public List<Sample> left() {
    return samples.stream().filter(Sample::left).toList();
  }

  /** Errors by status and step, e.g. {@code 504 upstream -> 12}, sorted by kind. */
  public Map<String, Integer> errorKinds() {
    var kinds = new TreeMap<String, Integer>();
    errors().forEach(s -> kinds.merge(s.errorKindWithStep(), 1, Integer::sum));
    return Collections.unmodifiableSortedMap(kinds);
  }

  /**
   * {@code 504 upstream ×12, 503 billing ×1}, or {@code none}; then, when clients left, {@code (31
   * clients left)}.
   */
  public String describeErrors() {
    String errors =
        errorKinds().isEmpty()
            ? "none"
            : errorKinds().entrySet().stream()
                .map(kind -> kind.getKey() + " ×" + kind.getValue())
                .collect(Collectors.joining(", "));
    int left = left().size();
    return left == 0
        ? errors
        : errors + " (" + left + (left == 1 ? " client" : " clients") + " left)";
  }

  /** Median time from sending to the error answer, in milliseconds; {@code NaN} without errors. */
  public double timeToFailMedianMs() {
    return ErrorSummary.medianMillisOf(
        errors().stream().mapToLong(Sample::latencyNanos).sorted().toArray());
  }

  /**
   * The longest time from sending to an error answer, in milliseconds; {@code NaN} without errors.
   */
  public double timeToFailMaxMs() {
    OptionalLong max = errors().stream().mapToLong(Sample::latencyNanos).max();
    return max.isPresent() ? max.getAsLong() / 1e6 : Double.NaN;
  }

  /** The most an error may take: the deadline plus {@link #TOLERANCE}. */
  public double timeToFailLimitMs() {
    return deadline.plus(TOLERANCE).toNanos() / 1e6;
  }

  /**
   * Requests and errors per phase: before the fault, while it lasted, after it was healed. A
   * request whose client left is a request, not an error.
   */
  public Map<FaultPhases.Phase, int[]> phases() {
    var phases = new EnumMap<FaultPhases.Phase, int[]>(FaultPhases.Phase.class);
    for (FaultPhases.Phase phase : FaultPhases.Phase.values()) {
      phases.put(phase, new int[2]);
    }
    for (Sample sample : samples) {
      int[] counts = phases.get(FaultPhases.Phase.of(sample, injectedNanos, healedNanos));
      counts[0]++;
      if (!sample.ok() && !sample.left()) {
        counts[1]++;
      }
    }
    return phases;
  }

  /** What the variant did wrong, in the order of the checks; empty when the cell passed. */
  public List<Problem> problems() {
    var problems = new ArrayList<Problem>();
    var unexpected = new TreeMap<String, Integer>();
    for (Sample error : errors()) {
      if (!expected(error)) {
        unexpected.merge(error.errorKindWithStep(), 1, Integer::sum);
      }
    }
    if (!unexpected.isEmpty()) {
      problems.add(
          new Problem(
              "unexpected",
              "unexpected "
                  + unexpected.entrySet().stream()
                      .map(kind -> kind.getKey() + " ×" + kind.getValue())
                      .collect(Collectors.joining(", "))
                  + " (the fault allows "
                  + allowed()
                  + ")"));
    }
    int[] during = phases().get(FaultPhases.Phase.DURING);
    if (fault.abortsClients()) {
      if (left().isEmpty()) {
        problems.add(
            new Problem(
                "no error",
                "no client left while the fault lasted ("
                    + during[0]
                    + " requests were in flight): it did not take effect"));
      }
    } else if (during[1] == 0) {
      problems.add(
          new Problem(
              "no error",
              "no request failed while the fault lasted ("
                  + during[0]
                  + " were in flight): it did not take effect"));
    }
    double max = timeToFailMaxMs();
    if (max > timeToFailLimitMs()) {
      long slow =
          errors().stream().filter(s -> s.latencyNanos() / 1e6 > timeToFailLimitMs()).count();
      problems.add(
          new Problem(
              "slow",
              slow
                  + (slow == 1 ? " error" : " errors")
                  + " over the deadline: the slowest "
                  + Millis.format(max)
                  + " > "
                  + Millis.format(deadline.toMillis())
                  + " + "
                  + Millis.format(TOLERANCE.toMillis())));
    }
    if (idle.failed()) {
      problems.add(new Problem("busy", "pools not idle after the load: " + idle.describe()));
    }
    if (afterRecovery == null || !afterRecovery.ok()) {
      problems.add(
          new Problem(
              "recovery",
              "the first request after recovery got "
                  + (afterRecovery == null
                      ? "nothing"
                      : afterRecovery.errorKindWithStep()
                          + " in "
                          + Millis.format(afterRecovery.latencyNanos() / 1e6))));
    }
    if (!billing.balanced()) {
      problems.add(
          new Problem(
              "billing",
              "billing differs by "
                  + signed(billing.difference())
                  + ": "
                  + billing.describeMismatches()
                  + (billing.compensations().outcome() == HealthWait.Outcome.SETTLED
                      ? ""
                      : "; compensations " + billing.compensations().describe())));
    }
    return problems;
  }

  public boolean passed() {
    return problems().isEmpty();
  }

  /** {@code fault × variant}, as the failure lines and progress name a cell. */
  public String label() {
    return fault.wireName() + " × " + variant.wireName();
  }

  private boolean expected(Sample error) {
    return fault.expectedStatuses().contains(error.status())
        && fault.expectedSteps().stream().anyMatch(step -> step.wireName().equals(error.step()));
  }

  /** {@code 503/504 on billing/name}, or {@code no error answer}. */
  String allowed() {
    return fault.expectation();
  }

  static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
