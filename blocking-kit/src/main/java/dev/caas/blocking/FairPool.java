package dev.caas.blocking;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A HikariCP pool whose borrowers are served in the order they asked: a fair semaphore with one
 * permit per connection in front of it, so that Hikari itself never has a waiter.
 *
 * <h2>Why</h2>
 *
 * HikariCP does not serve its waiters in order. A connection given back is marked free, then
 * offered to a waiter; meanwhile any thread that starts to borrow (a new request, or the thread
 * that just gave it back and borrows again at once, as Loom's sequential handler does between the
 * billing insert and the name query, finding it in its own thread-local list first) can take it,
 * and the waiter polls again. {@code FairPoolTest} shows the second case: with one connection,
 * Hikari alone served the thread that gave back and asked again before the one that was waiting (in
 * three runs of the test, each failed at its second round of ten). With a few dozen platform
 * threads that is noise; with a virtual thread per request and a thousand of them waiting it
 * decides who waits: measured on loom-sequential at 100 ms on both proxies and 1,000 clients (the
 * morning run of results/sweeps/both-2026-12-05, before this class), median 5.5 s, mean 8.7 s, p99
 * 26.9 s and a maximum at Hikari's 30 s timeout, where a queue served in order gives every request
 * about the mean, 10 s (Little's law). JEP 444 gives the remedy for virtual threads: bound the
 * concurrent use of a scarce resource with a semaphore. A fair one also serves in order.
 */
final class FairPool implements AutoCloseable {
  private final HikariDataSource hikari;
  private final Semaphore turns;

  FairPool(HikariDataSource hikari) {
    this.hikari = hikari;
    this.turns = new Semaphore(hikari.getMaximumPoolSize(), true);
  }

  /**
   * Waits for a turn, in order, at most {@code millis}.
   *
   * @return {@code false} when the time ran out first
   * @throws InterruptedException when the caller was cancelled while waiting
   */
  boolean awaitTurn(long millis) throws InterruptedException {
    return turns.tryAcquire(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  /** Gives the turn back, once the connection is back in the pool. */
  void endTurn() {
    turns.release();
  }

  /** The pool behind the turns. */
  HikariDataSource hikari() {
    return hikari;
  }

  /** Borrowers waiting for a turn or, within one, for Hikari. */
  int waiting() {
    return turns.getQueueLength() + hikari.getHikariPoolMXBean().getThreadsAwaitingConnection();
  }

  @Override
  public void close() {
    hikari.close();
  }
}
