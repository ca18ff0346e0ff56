package dev.caas.workshop.dontblocktheeventloop;

import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.reactive.DogParts;
import dev.caas.reactive.PhotoHandler;
import dev.caas.contract.ServedPhoto;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A wrong solution of dont-block-the-event-loop: the blocking call moved off the event loop onto
 * Reactor's boundedElastic scheduler. The event loops are free, but every request in flight holds a
 * boundedElastic thread for its whole upstream round trip: thread-per-request inside a reactive
 * server.
 */
final class DogHandler implements PhotoHandler {
  private final DogParts parts;
  private final dev.caas.blocking.CanineUpstream blockingUpstream;

  DogHandler(DogParts parts, dev.caas.blocking.CanineUpstream blockingUpstream) {
    this.parts = parts;
    this.blockingUpstream = blockingUpstream;
  }

  @Override
  public Mono<ServedPhoto> serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    var upstream = timeline.begin(UPSTREAM);
    return Mono.fromCallable(() -> blockingUpstream.fetch(request.deadline()))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnSuccess(photo -> upstream.end())
        .flatMap(
            photo ->
                parts
                    .ledger()
                    .bill(request, photo.filename())
                    .then(parts.names().nameOf(photo.filename(), request.deadline()))
                    .doOnError(failure -> parts.compensations().undo(request.id()))
                    .doOnCancel(() -> parts.compensations().undo(request.id()))
                    .map(dogName -> new ServedPhoto(photo, dogName, timeline)));
  }
}
