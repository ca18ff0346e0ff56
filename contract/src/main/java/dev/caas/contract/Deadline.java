package dev.caas.contract;

import java.time.Duration;

/**
 * The moment by which one request must be answered, fixed when it arrives. Every wait of the
 * request (a pool, a socket, a sibling branch) is bounded by what is {@link #remaining()}, so a
 * request never outlives it: past it, the variant answers 504 and cancels what is still running.
 */
public final class Deadline {
  private final Duration budget;
  private final long expiresAtNanos;

  private Deadline(Duration budget, long expiresAtNanos) {
    this.budget = budget;
    this.expiresAtNanos = expiresAtNanos;
  }

  /**
   * The most a request's work stops short of its deadline, to leave time for writing the answer.
   */
  public static final Duration ANSWER_TIME = Duration.ofMillis(50);

  /** A deadline {@code budget} from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(budget, System.nanoTime() + budget.toNanos());
  }

  /**
   * The deadline of work whose answer must reach a client within {@code budget}: the work stops
   * {@link #ANSWER_TIME} (at most 5 % of the budget) earlier, so that the error it then answers,
   * written and sent by threads that first have to be scheduled, still arrives in time.
   */
  public static Deadline forAnswerWithin(Duration budget) {
    long margin = Math.min(ANSWER_TIME.toNanos(), budget.toNanos() / 20);
    return new Deadline(budget, System.nanoTime() + budget.toNanos() - margin);
  }

  /** The whole budget the request was given. */
  public Duration budget() {
    return budget;
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
  }

  /** Time left in whole milliseconds, at least 1 while any time is left (0 once it has passed). */
  public long remainingMillis() {
    long nanos = expiresAtNanos - System.nanoTime();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  public boolean passed() {
    return System.nanoTime() - expiresAtNanos >= 0;
  }

  /** The 504 for a request whose deadline passed during {@code step}. */
  public StepFailure failure(Step step) {
    return StepFailure.timedOut(
        step, "deadline of " + budget.toMillis() + " ms passed during step " + step.wireName());
  }
}
