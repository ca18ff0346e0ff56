package dev.caas.workshop.billexactlyonce;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.DogName;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;

/**
 * A wrong solution of bill-exactly-once: it no longer gathers. The name is looked up first and the
 * request billed only once the name is known, so a failed lookup leaves nothing to undo; the ledger
 * balances, but the handler is no longer the loom-gathered variant the exercise runs as.
 */
final class DogHandler implements PhotoHandler {
  private final DogParts parts;

  DogHandler(DogParts parts) {
    this.parts = parts;
  }

  @Override
  public ServedPhoto serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    DogPhoto photo = timeline.time(UPSTREAM, () -> parts.upstream().fetch(request.deadline()));
    DogName dogName =
        timeline.time(NAME, () -> parts.names().nameOf(photo.filename(), request.deadline()));
    timeline.time(BILLING, () -> parts.ledger().bill(request, photo.filename()));
    return new ServedPhoto(photo, dogName, timeline);
  }
}
