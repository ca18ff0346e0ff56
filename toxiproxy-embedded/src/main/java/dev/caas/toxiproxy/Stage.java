package dev.caas.toxiproxy;

import java.util.function.Consumer;

/**
 * One toxic running on one link: the per-connection, per-direction state of a toxic. Stages are
 * driven by the link's single writer thread, so they need no locking.
 */
@FunctionalInterface
interface Stage {

  /** {@link #deadlineNanos()} when the stage has no timer. */
  long NO_DEADLINE = Long.MAX_VALUE;

  /** Lets every segment through unchanged; used when a toxic's toxicity draw said "not here". */
  Stage PASS_THROUGH = (segment, next) -> next.accept(segment);

  /** Transforms one segment, handing zero or more segments, in order, to {@code next}. */
  void accept(Segment segment, Consumer<Segment> next);

  /**
   * When {@link #onDeadline} should run, as a {@link System#nanoTime()}; or {@link #NO_DEADLINE}.
   */
  default long deadlineNanos() {
    return NO_DEADLINE;
  }

  /** Runs once the deadline passed, even if no data flows. */
  default void onDeadline(long nowNanos, Consumer<Segment> next) {}

  /** Whether taking this toxic away must end the connection (Toxiproxy's timeout does that). */
  default boolean endsConnectionWhenRemoved() {
    return false;
  }
}
