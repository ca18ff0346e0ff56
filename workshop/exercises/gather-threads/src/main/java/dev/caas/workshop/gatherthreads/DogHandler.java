package dev.caas.workshop.gatherthreads;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.BillingLedger;
import dev.caas.blocking.CanineUpstream;
import dev.caas.blocking.Compensations;
import dev.caas.blocking.DogNames;
import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import dev.caas.contract.DogName;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.contract.ServedPhoto;
import java.util.concurrent.ExecutorService;

/**
 * Exercise gather-threads: the request on a platform thread, correct but sequential, so it takes
 * L_u + 2·L_d where L_u + L_d would do. Check it with {@code ./caas check gather-threads}.
 */
final class DogHandler implements PhotoHandler {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;
  private final ExecutorService gatherPool;

  DogHandler(DogParts parts, ExecutorService gatherPool) {
    this.upstream = parts.upstream();
    this.ledger = parts.ledger();
    this.names = parts.names();
    this.compensations = parts.compensations();
    this.gatherPool = gatherPool;
  }

  @Override
  public ServedPhoto serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the upstream says which file it is
    DogPhoto photo = timeline.time(UPSTREAM, () -> upstream.fetch(request.deadline()));
    return compensations.undoBillingIfFails(
        request,
        () -> {
          // EXERCISE: steps 2 and 3 need only the photo, yet 3 waits for 2 to finish. Start both on
          // threads of gatherPool (CompletableFuture.runAsync / supplyAsync), then wait for both.
          // When one fails, the request must fail with that step's StepFailure, not a wrapper
          // around it: the checker locks the dog table and expects a 504 that blames the name step,
          // with the request's id in its error body, and nothing billed.
          // 2. billing: record the request (this thread blocks in JDBC)
          timeline.time(BILLING, () -> ledger.bill(request, photo.filename()));
          // 3. name: look the dog up (blocks again)
          DogName dogName =
              timeline.time(NAME, () -> names.nameOf(photo.filename(), request.deadline()));
          return new ServedPhoto(photo, dogName, timeline);
        });
  }
}
