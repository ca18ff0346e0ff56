package dev.caas.reactive;

import dev.caas.contract.CompensationRetry;
import dev.caas.contract.Deadline;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Undoes the billing of failed requests, in the background: the failed request is answered at once,
 * and its billing event is deleted (by request id) as soon as the database takes the DELETE. An
 * attempt that fails is retried, waiting longer each time ({@link CompensationRetry}, the same in
 * every model), for as long as it takes.
 */
public final class Compensations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compensations.class);

  private final BillingLedger ledger;
  private final Duration attemptTimeout;
  private final AtomicInteger pending = new AtomicInteger();
  private final Sinks.One<Boolean> closing = Sinks.one();

  Compensations(BillingLedger ledger, Duration attemptTimeout) {
    this.ledger = ledger;
    this.attemptTimeout = CompensationRetry.attemptTimeout(attemptTimeout);
  }

  /**
   * Schedules the deletion of the request's billing event, if it has one; returns at once. The
   * DELETE waits until the request's INSERT is settled: a cancelled INSERT may still commit, and a
   * DELETE that ran first would leave its row billed.
   */
  public void undo(UUID requestId) {
    pending.incrementAndGet();
    ledger
        .settled(requestId)
        .then(Mono.defer(() -> ledger.unbill(requestId, Deadline.after(attemptTimeout))))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, CompensationRetry.FIRST_PAUSE)
                .maxBackoff(CompensationRetry.LONGEST_PAUSE)
                .jitter(0)
                .doBeforeRetry(
                    retry ->
                        log.debug(
                            "billing of request {} not undone yet: {}",
                            requestId,
                            retry.failure().getMessage())))
        .takeUntilOther(closing.asMono())
        .doFinally(signal -> pending.decrementAndGet())
        .subscribe();
  }

  /** Compensations scheduled and not done yet. */
  public int pending() {
    return pending.get();
  }

  /** Stops retrying: the variant is stopping (and its database pool with it). */
  @Override
  public void close() {
    int left = pending();
    closing.tryEmitValue(true);
    if (left > 0) {
      log.warn("{} billing event(s) of failed requests not undone at shutdown", left);
    }
  }
}
