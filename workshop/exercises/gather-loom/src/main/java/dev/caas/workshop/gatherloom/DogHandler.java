package dev.caas.workshop.gatherloom;

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

/**
 * Exercise gather-loom: the request on its own virtual thread, correct but sequential, so it takes
 * L_u + 2·L_d where L_u + L_d would do. Check it with {@code ./caas check gather-loom}.
 */
final class DogHandler implements PhotoHandler {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;

  DogHandler(DogParts parts) {
    this.upstream = parts.upstream();
    this.ledger = parts.ledger();
    this.names = parts.names();
    this.compensations = parts.compensations();
  }

  @Override
  public ServedPhoto serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the virtual thread unmounts while it waits
    DogPhoto photo = timeline.time(UPSTREAM, () -> upstream.fetch(request.deadline()));
    return compensations.undoBillingIfFails(
        request,
        () -> {
          // EXERCISE: steps 2 and 3 need only the photo, yet 3 waits for 2 to finish. A virtual
          // thread costs next to nothing: fork each step on one of its own (dev.caas.loom.Subtasks:
          // open, fork, join) and join both. When one fails, the request must fail with that step's
          // error: the checker locks the dog table and expects a 504 that blames the name step.
          // 2. billing: record the request (blocking JDBC, cheap to block here)
          timeline.time(BILLING, () -> ledger.bill(request, photo.filename()));
          // 3. name: look the dog up
          DogName dogName =
              timeline.time(NAME, () -> names.nameOf(photo.filename(), request.deadline()));
          return new ServedPhoto(photo, dogName, timeline);
        });
  }
}
