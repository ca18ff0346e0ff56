package dev.caas.workshop.gatherreactive;

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
 * Exercise gather-reactive: the request as a pipeline on the event loops, correct and non-blocking,
 * but chained, so it takes L_u + 2·L_d where L_u + L_d would do. Check it with {@code ./caas check
 * gather-reactive}.
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
  public Mono<ServedPhoto> serve(DogRequest request) {
    return Mono.defer(
        () -> {
          var timeline = RequestTimeline.start();
          // 1. upstream: fetch a photo; the upstream says which file it is
          return time(timeline, UPSTREAM, () -> upstream.fetch(request.deadline()))
              .flatMap(
                  photo ->
                      // EXERCISE: async is not concurrent by itself. then() subscribes to the name
                      // lookup only once billing has completed, so the two round trips add up.
                      // Subscribe to both at once. When one fails, the request must fail with that
                      // step's error and stay unbilled: the checker locks the dog table and expects
                      // a 504 that blames the name step.
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
