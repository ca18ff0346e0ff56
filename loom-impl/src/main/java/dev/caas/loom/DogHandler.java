package dev.caas.loom;

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

/**
 * The request, step by step, on the request's own virtual thread. The code blocks exactly as sync's
 * does; what changes is what a blocked thread costs: a virtual thread unmounts from its carrier
 * while it waits, so blocking here is cheap, and the carrier runs other requests meanwhile.
 */
final class DogHandler {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;

  private DogHandler(
      CanineUpstream upstream, BillingLedger ledger, DogNames names, Compensations compensations) {
    this.upstream = upstream;
    this.ledger = ledger;
    this.names = names;
    this.compensations = compensations;
  }

  static HandlerFactory factory(Variant.Composition composition) {
    return parts -> {
      var handler =
          new DogHandler(parts.upstream(), parts.ledger(), parts.names(), parts.compensations());
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
          // 2. billing and 3. name forked, each on a virtual thread of its own
          try (var subtasks = Subtasks.open()) {
            subtasks.fork(
                () -> timeline.time(BILLING, () -> ledger.bill(request, photo.filename())));
            var dogName =
                subtasks.fork(
                    () ->
                        timeline.time(
                            NAME, () -> names.nameOf(photo.filename(), request.deadline())));
            // join both; the first failure cancels the other
            subtasks.join();
            return new ServedPhoto(photo, dogName.get(), timeline);
          }
        });
  }
  // end::gathered[]
}
