package dev.caas.blocking;

import dev.caas.contract.CompensationRetry;
import dev.caas.contract.Deadline;
import dev.caas.contract.DogRequest;
import dev.caas.contract.StepFailure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bill exactly once: a request that fails after its billing insert may have committed has its event
 * deleted again, by request id.
 *
 * <p>The delete runs in the background, so the error is answered at once (the delete costs a
 * database round trip, and the error must not wait for it: at the deadline there is no time left).
 * It is retried, with growing pauses ({@link CompensationRetry}, the same in every model), until
 * the database takes it, so a database that is down for a while loses nothing; what is still to be
 * done is {@link #pending()}, reported on {@code /health}.
 */
public final class Compensations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compensations.class);

  private final BillingLedger ledger;
  private final Duration attemptTimeout;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean closed;

  Compensations(BillingLedger ledger, Duration attemptTimeout) {
    this.ledger = ledger;
    this.attemptTimeout = CompensationRetry.attemptTimeout(attemptTimeout);
  }

  /**
   * Runs the steps after the upstream (billing, name); if they fail, the request's billing is
   * undone and the failure passed on as it was.
   */
  public <T> T undoBillingIfFails(DogRequest request, Supplier<T> steps) {
    try {
      return steps.get();
    } catch (RuntimeException failure) {
      undo(request.id());
      throw failure;
    }
  }

  /**
   * Deletes the request's billing event in the background, retrying until the database takes it.
   */
  public void undo(UUID requestId) {
    pending.incrementAndGet();
    Thread.ofVirtual().name("compensation").start(() -> deleteUntilDone(requestId));
  }

  /** Compensations not yet done. */
  public int pending() {
    return pending.get();
  }

  private void deleteUntilDone(UUID requestId) {
    Duration pause = CompensationRetry.FIRST_PAUSE;
    for (int attempt = 1; !closed; attempt++) {
      try {
        ledger.unbill(requestId, Deadline.after(attemptTimeout));
        pending.decrementAndGet();
        return;
      } catch (StepFailure e) {
        if (attempt == 1) {
          log.warn(
              "billing of failed request {} not yet undone ({}); retrying until the database answers",
              requestId,
              e.getMessage());
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        break;
      }
      pause = CompensationRetry.pauseAfter(pause);
    }
    log.error("billing of failed request {} was not undone before shutdown", requestId);
  }

  /** Stops retrying; what is still pending is logged, by request id. */
  @Override
  public void close() {
    closed = true;
  }
}
