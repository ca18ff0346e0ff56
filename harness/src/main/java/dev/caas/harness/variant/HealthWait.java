package dev.caas.harness.variant;

import dev.caas.contract.Load;
import dev.caas.harness.text.Millis;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How a variant's {@link Load} settled once the harness stopped sending: a bounded wait on its
 * {@code /health}, for one of two things. Before the billing ledger is read, every failed request's
 * billing must have been undone ({@link #compensated()}): the variants delete it in the background,
 * so a count read at once could show an event that is about to go. After a fault, every pool must
 * be back to idle ({@link #idle(Integer)}).
 *
 * <p>A variant built before {@code /health} carried its load cannot say; that is reported as {@link
 * Outcome#NOT_REPORTED}, not guessed.
 *
 * @param millis how long the wait took (for {@link Outcome#STILL_BUSY}, the whole timeout)
 * @param last the last load read, or {@code null} when none was
 */
public record HealthWait(Outcome outcome, long millis, Load last) {

  /** How long the bench waits for compensations or idle pools before it says they did not come. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final Duration POLL_INTERVAL = Duration.ofMillis(25);

  public enum Outcome {
    /** The condition held, after {@code millis}. */
    SETTLED,
    /** It did not hold within the timeout. */
    STILL_BUSY,
    /** {@code /health} has no {@code "load"}: the jar predates it. */
    NOT_REPORTED,
    /** {@code /health} did not answer. */
    NO_ANSWER,
    /** Nobody waited (a run recorded without a variant to ask, as in tests of the reports). */
    NOT_ASKED
  }

  public static final HealthWait NOT_ASKED = new HealthWait(Outcome.NOT_ASKED, 0, null);

  /** Nothing of a failed request is left to undo. */
  public static Predicate<Load> compensated() {
    return load -> load.compensationsPending() == 0;
  }

  /**
   * Nothing running, waiting or left to undo, and every database connection back in the pool. With
   * no pool size reported, the last part cannot be checked: no connection lent out must do.
   */
  public static Predicate<Load> idle(Integer dbPool) {
    if (dbPool != null) {
      return load -> load.idle(dbPool);
    }
    return load ->
        load.inFlight() == 0
            && load.dbActive() == 0
            && load.dbWaiting() == 0
            && load.compensationsPending() == 0;
  }

  /**
   * Reads the load until {@code until} holds or {@code timeout} passes.
   *
   * @param reading the variant's load now; empty when it reports none; throws when it does not
   *     answer
   */
  public static HealthWait await(
      Supplier<Optional<Load>> reading, Predicate<Load> until, Duration timeout) {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    Load last = null;
    while (true) {
      Optional<Load> load;
      try {
        load = reading.get();
      } catch (RuntimeException noAnswer) {
        return new HealthWait(Outcome.NO_ANSWER, elapsedMillis(start), last);
      }
      if (load.isEmpty()) {
        return new HealthWait(Outcome.NOT_REPORTED, elapsedMillis(start), null);
      }
      last = load.get();
      if (until.test(last)) {
        return new HealthWait(Outcome.SETTLED, elapsedMillis(start), last);
      }
      if (System.nanoTime() >= end) {
        return new HealthWait(Outcome.STILL_BUSY, elapsedMillis(start), last);
      }
      try {
        Thread.sleep(POLL_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HealthWait(Outcome.STILL_BUSY, elapsedMillis(start), last);
      }
    }
  }

  /**
   * Only {@link Outcome#STILL_BUSY} and {@link Outcome#NO_ANSWER} are failures; not knowing is
   * said, not failed.
   */
  public boolean failed() {
    return outcome == Outcome.STILL_BUSY || outcome == Outcome.NO_ANSWER;
  }

  /** For tables: {@code yes, 120 ms}, {@code NO after 10 s}, {@code load not reported}. */
  public String cell() {
    return switch (outcome) {
      case SETTLED ->
          millis < POLL_INTERVAL.toMillis() ? "yes, at once" : "yes, " + Millis.format(millis);
      case STILL_BUSY -> "NO after " + Millis.format(millis);
      case NOT_REPORTED -> "load not reported";
      case NO_ANSWER -> "NO: /health silent";
      case NOT_ASKED -> "—";
    };
  }

  /** A sentence: what was waited for comes from the caller, e.g. "compensations " + describe(). */
  public String describe() {
    return switch (outcome) {
      case SETTLED ->
          (millis < POLL_INTERVAL.toMillis()
              ? "settled at once"
              : "settled after " + Millis.format(millis));
      case STILL_BUSY ->
          "still busy after " + Millis.format(millis) + (last == null ? "" : ": " + last);
      case NOT_REPORTED -> "load not reported (a variant jar built before /health carried it)";
      case NO_ANSWER ->
          "no answer from /health after "
              + Millis.format(millis)
              + (last == null ? "" : "; last seen: " + last);
      case NOT_ASKED -> "not asked";
    };
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
