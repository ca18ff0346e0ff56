package dev.caas.workshop.dontblocktheeventloop;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.Step;
import dev.caas.reactive.BillingLedger;
import dev.caas.reactive.CanineUpstream;
import dev.caas.reactive.Compensations;
import dev.caas.reactive.DogNames;
import dev.caas.reactive.DogParts;
import dev.caas.reactive.PhotoHandler;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Exercise dont-block-the-event-loop: a reactive-sequential handler that reuses a blocking HTTP
 * client for step 1. One request at a time it is as fast as the real one; check it under load with
 * {@code ./caas check dont-block-the-event-loop}.
 */
final class DogHandler implements PhotoHandler {
  private final CanineUpstream upstream;
  private final dev.caas.blocking.CanineUpstream blockingUpstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;

  DogHandler(DogParts parts, dev.caas.blocking.CanineUpstream blockingUpstream) {
    this.upstream = parts.upstream();
    this.blockingUpstream = blockingUpstream;
    this.ledger = parts.ledger();
    this.names = parts.names();
    this.compensations = parts.compensations();
  }

  @Override
  public Mono<ServedPhoto> serve(DogRequest request) {
    return Mono.defer(
        () -> {
          var timeline = RequestTimeline.start();
          // EXERCISE: fromCallable runs the call on whichever thread subscribes: here a Netty event
          // loop, one of a handful that serve every connection. For the whole upstream round trip
          // that loop serves nobody else. Make step 1 wait without holding a thread, of any pool:
          // the checker fails a thread caught waiting in the upstream call, wherever it runs.
          // 1. upstream: fetch a photo with the blocking client the thread-per-request services use
          return time(
                  timeline,
                  UPSTREAM,
                  () -> Mono.fromCallable(() -> blockingUpstream.fetch(request.deadline())))
              .flatMap(
                  photo ->
                      // 2. billing: record the request (no thread waits: the event loop is called
                      // back)
                      time(timeline, BILLING, () -> ledger.bill(request, photo.filename()))
                          // 3. name: look the dog up, once billing is done
                          .then(
                              time(
                                  timeline,
                                  NAME,
                                  () -> names.nameOf(photo.filename(), request.deadline())))
                          // failed or abandoned once billing began: undo it in the background,
                          // answer at once
                          .doOnError(failure -> compensations.undo(request.id()))
                          .doOnCancel(() -> compensations.undo(request.id()))
                          .map(dogName -> new ServedPhoto(photo, dogName, timeline)));
        });
  }

  /** Times one step from subscription to its result; a failed or cancelled step has no timing. */
  private static <T> Mono<T> time(RequestTimeline timeline, Step step, Supplier<Mono<T>> work) {
    return Mono.defer(
        () -> {
          var span = timeline.begin(step);
          return work.get().doOnSuccess(result -> span.end());
        });
  }
}
