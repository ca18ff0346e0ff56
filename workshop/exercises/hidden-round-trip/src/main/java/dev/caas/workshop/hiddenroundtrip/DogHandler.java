package dev.caas.workshop.hiddenroundtrip;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import dev.caas.blocking.ServedPhoto;
import dev.caas.contract.DogName;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import java.util.concurrent.ExecutorService;

/**
 * sync-impl's sequential handler, as it is: one statement per database step. Nothing to change here; the
 * exercise is in {@link PoolTuning}.
 */
final class DogHandler implements PhotoHandler {
  private final DogParts parts;

  DogHandler(DogParts parts, ExecutorService unused) {
    this.parts = parts;
  }

  @Override
  public ServedPhoto serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    // 1. upstream: fetch a photo; the upstream says which file it is
    DogPhoto photo = timeline.time(UPSTREAM, () -> parts.upstream().fetch(request.deadline()));
    return parts.compensations().undoBillingIfFails(request, () -> {
      // 2. billing: one INSERT, one round trip
      timeline.time(BILLING, () -> parts.ledger().bill(request, photo.filename()));
      // 3. name: one SELECT, one round trip
      DogName dogName = timeline.time(NAME, () -> parts.names().nameOf(photo.filename(), request.deadline()));
      return new ServedPhoto(photo, dogName, timeline);
    });
  }
}
