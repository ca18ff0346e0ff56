package dev.caas.blocking;

import dev.caas.contract.Deadline;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops blocking work at a request's deadline. A thread blocked in a socket read cannot be told to
 * give up (a platform thread ignores interrupts there), but the socket can be closed under it: the
 * read then fails at once. So each blocking call is {@link #guard guarded}: when the deadline
 * passes first, the watchdog runs the call's cancel action (close the HTTP body, cancel the SQL
 * statement and abort its connection), and the caller, seeing {@link Guard#fired()}, answers 504.
 */
final class Watchdog {
  /**
   * One timer thread for the whole process: it only wakes at deadlines, and hands the cancelling to
   * others.
   */
  private static final ScheduledThreadPoolExecutor TIMER = timer("deadline-watchdog");

  private Watchdog() {}

  /** A guarded call: close it when the call returns, so the watchdog does not fire afterwards. */
  static final class Guard implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private ScheduledFuture<?> alarm;

    /** Whether the deadline passed and the cancel action ran (or is running). */
    boolean fired() {
      return fired.get();
    }

    @Override
    public void close() {
      alarm.cancel(false);
    }
  }

  /**
   * Arms the watchdog for one blocking call.
   *
   * @param onExpiry what stops the call; it may block (a cancel request opens a connection), so it
   *     runs on a virtual thread of its own, not on the timer
   */
  static Guard guard(Deadline deadline, Runnable onExpiry) {
    var guard = new Guard();
    guard.alarm =
        TIMER.schedule(
            () -> {
              if (guard.fired.compareAndSet(false, true)) {
                Thread.ofVirtual().name("deadline-cancel").start(onExpiry);
              }
            },
            deadline.remaining().toNanos(),
            TimeUnit.NANOSECONDS);
    return guard;
  }

  /** One daemon timer thread, for alarms that are mostly cancelled before they ring. */
  static ScheduledThreadPoolExecutor timer(String name) {
    var timer =
        new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name(name).factory());
    // Most alarms are cancelled long before they ring: drop them from the queue at once.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
