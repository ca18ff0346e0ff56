package dev.caas.reactive;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.RequestTimeline;
import dev.caas.contract.Step;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The request, step by step, as a pipeline that runs on event loops and holds no thread while it waits. Each
 * method only describes the request; it runs, and its clock starts, when the server subscribes.
 */
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
  Mono<ServedPhoto> sequential(UUID requestId) {
    return Mono.defer(() -> {
      var timeline = RequestTimeline.start();
      // 1. upstream: fetch a photo; the upstream says which file it is
      return time(timeline, UPSTREAM, upstream::fetch)
          .flatMap(photo ->
              // 2. billing: record the request (no thread waits: the event loop is called back)
              time(timeline, BILLING, () -> ledger.bill(requestId, photo.filename()))
                  // 3. name: look the dog up, once billing is done
                  .then(time(timeline, NAME, () -> names.nameOf(photo.filename())))
                  .map(dogName -> new ServedPhoto(photo, dogName, timeline)));
    });
  }
  // end::sequential[]

  // tag::gathered[]
  Mono<ServedPhoto> gathered(UUID requestId) {
    return Mono.defer(() -> {
      var timeline = RequestTimeline.start();
      // 1. upstream: fetch a photo; the upstream says which file it is
      return time(timeline, UPSTREAM, upstream::fetch)
          .flatMap(photo -> Mono.zip(
              // 2. billing and 3. name at the same time: zip subscribes to both at once
              time(timeline, BILLING, () -> ledger.bill(requestId, photo.filename())),
              time(timeline, NAME, () -> names.nameOf(photo.filename())),
              // when one fails, zip cancels the other and passes the failure on
              (billed, dogName) -> new ServedPhoto(photo, dogName, timeline)));
    });
  }
  // end::gathered[]

  /** Times one step from subscription to its result; a failed or cancelled step has no timing. */
  private static <T> Mono<T> time(RequestTimeline timeline, Step step, Supplier<Mono<T>> work) {
    return Mono.defer(() -> {
      var span = timeline.begin(step);
      return work.get().doOnSuccess(result -> span.end());
    });
  }
}
