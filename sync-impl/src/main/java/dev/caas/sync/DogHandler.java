package dev.caas.sync;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.BillingLedger;
import dev.caas.blocking.CanineUpstream;
import dev.caas.blocking.Compensations;
import dev.caas.blocking.DogNames;
import dev.caas.contract.DogName;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.Variant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The request, step by step, on the request's own platform thread. A blocked platform thread holds
 * one of the bounded pool's threads for the whole wait: the threads, not the work, limit how many
 * requests are served at once.
 */
final class DogHandler {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;
  private final ExecutorService gatherPool;

  private DogHandler(
      CanineUpstream upstream,
      BillingLedger ledger,
      DogNames names,
      Compensations compensations,
      ExecutorService gatherPool) {
    this.upstream = upstream;
    this.ledger = ledger;
    this.names = names;
    this.compensations = compensations;
    this.gatherPool = gatherPool;
  }

  static HandlerFactory factory(Variant.Composition composition) {
    return (parts, gatherPool) -> {
      var handler =
          new DogHandler(
              parts.upstream(), parts.ledger(), parts.names(), parts.compensations(), gatherPool);
      return switch (composition) {
        case SEQUENTIAL -> handler::sequential;
        case GATHERED -> handler::gathered;
      };
    };
  }

  // tag::sequential[]
  ServedPhoto sequential(DogRequest request) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the upstream says which file it is
    DogPhoto photo = timeline.time(UPSTREAM, () -> upstream.fetch(request.deadline()));
    return compensations.undoBillingIfFails(
        request,
        () -> {
          // 2. billing: record the request (this thread blocks in JDBC)
          timeline.time(BILLING, () -> ledger.bill(request, photo.filename()));
          // 3. name: look the dog up (blocks again)
          DogName dogName =
              timeline.time(NAME, () -> names.nameOf(photo.filename(), request.deadline()));
          return new ServedPhoto(photo, dogName, timeline);
        });
  }

  // end::sequential[]

  // tag::gathered[]
  ServedPhoto gathered(DogRequest request) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the upstream says which file it is
    DogPhoto photo = timeline.time(UPSTREAM, () -> upstream.fetch(request.deadline()));
    return compensations.undoBillingIfFails(
        request,
        () -> {
          // 2. billing and 3. name at the same time, each on a thread of the gather pool
          var billing =
              CompletableFuture.runAsync(
                  () -> timeline.time(BILLING, () -> ledger.bill(request, photo.filename())),
                  gatherPool);
          var dogName =
              CompletableFuture.supplyAsync(
                  () ->
                      timeline.time(NAME, () -> names.nameOf(photo.filename(), request.deadline())),
                  gatherPool);
          // this thread blocks until both are done; the first failure wins
          Futures.awaitBoth(billing, dogName);
          return new ServedPhoto(photo, dogName.join(), timeline);
        });
  }
  // end::gathered[]
}
