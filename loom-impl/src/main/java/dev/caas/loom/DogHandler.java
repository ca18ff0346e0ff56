package dev.caas.loom;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.BillingLedger;
import dev.caas.blocking.CanineUpstream;
import dev.caas.blocking.DogNames;
import dev.caas.blocking.ServedPhoto;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.RequestTimeline;
import java.util.UUID;

/** The request, step by step, on the request's own virtual thread. */
final class DogHandler {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;

  DogHandler(CanineUpstream upstream, BillingLedger ledger, DogNames names) {
    this.upstream = upstream;
    this.ledger = ledger;
    this.names = names;
  }

  // tag::sequential[]
  ServedPhoto sequential(UUID requestId) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the virtual thread unmounts while it waits
    DogPhoto photo = timeline.time(UPSTREAM, upstream::fetch);
    // 2. billing: record the request (blocking JDBC, cheap to block here)
    timeline.time(BILLING, () -> ledger.bill(requestId, photo.filename()));
    // 3. name: look the dog up
    String dogName = timeline.time(NAME, () -> names.nameOf(photo.filename()));
    return new ServedPhoto(photo, dogName, timeline);
  }
  // end::sequential[]

  // tag::gathered[]
  ServedPhoto gathered(UUID requestId) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the virtual thread unmounts while it waits
    DogPhoto photo = timeline.time(UPSTREAM, upstream::fetch);
    // 2. billing and 3. name forked, each on a virtual thread of its own
    try (var subtasks = Subtasks.open()) {
      subtasks.fork(() -> timeline.time(BILLING, () -> ledger.bill(requestId, photo.filename())));
      var dogName = subtasks.fork(() -> timeline.time(NAME, () -> names.nameOf(photo.filename())));
      // join both; the first failure cancels the other
      subtasks.join();
      return new ServedPhoto(photo, dogName.get(), timeline);
    }
  }
  // end::gathered[]
}
