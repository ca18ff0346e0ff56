package dev.caas.contract;

import java.time.Duration;

/**
 * How every model retries the undo of a failed request's billing: at once in the background, then
 * after pauses that double from {@link #FIRST_PAUSE} up to {@link #LONGEST_PAUSE}, for as long as
 * it takes. A database that is down for a while loses no compensation, gets at most one attempt per
 * second from each, and is reconciled within a second of coming back.
 */
public final class CompensationRetry {
  /** The pause after the first failed attempt. */
  public static final Duration FIRST_PAUSE = Duration.ofMillis(50);

  /** The longest pause between two attempts. */
  public static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

  /**
   * The shortest time one delete may take: nobody waits for it, so a slow database (latency above a
   * short request deadline) is waited out rather than aborted, which would cost a connection per
   * attempt.
   */
  public static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(10);

  private CompensationRetry() {}

  /** The pause after {@code pause}: twice as long, but at most {@link #LONGEST_PAUSE}. */
  public static Duration pauseAfter(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
  }

  /** How long one attempt may take for a variant with this request deadline. */
  public static Duration attemptTimeout(Duration requestDeadline) {
    return requestDeadline.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : requestDeadline;
  }
}
