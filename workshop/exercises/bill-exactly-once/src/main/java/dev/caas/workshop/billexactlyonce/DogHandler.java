package dev.caas.workshop.billexactlyonce;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.BillingLedger;
import dev.caas.blocking.CanineUpstream;
import dev.caas.blocking.Compensations;
import dev.caas.blocking.DogNames;
import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.contract.ServedPhoto;
import dev.caas.loom.Subtasks;

/**
 * Exercise bill-exactly-once: gathered and fast, and right whenever nothing fails. Check it with
 * {@code ./caas check bill-exactly-once}, which locks the {@code dog} table while requests run.
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
    // EXERCISE: billing commits on its own, whatever the name lookup does next to it. When the
    // lookup fails (the dog table locked until the deadline: a 504), the customer got no photo but
    // stays billed. A failed request must not be billed: undo the billing when step 2 or 3 fails
    // (see Compensations). Billing and name must still run side by side: the checker runs this as
    // loom-gathered, and fails a handler that no longer gathers.
    try (var subtasks = Subtasks.open()) {
      // 2. billing and 3. name forked, each on a virtual thread of its own
      subtasks.fork(() -> timeline.time(BILLING, () -> ledger.bill(request, photo.filename())));
      var dogName =
          subtasks.fork(
              () -> timeline.time(NAME, () -> names.nameOf(photo.filename(), request.deadline())));
      // join both; the first failure cancels the other
      subtasks.join();
      return new ServedPhoto(photo, dogName.get(), timeline);
    }
  }
}
