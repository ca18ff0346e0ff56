package dev.caas.reactive;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.Step;
import dev.caas.contract.Variant;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The request, step by step, as a pipeline that runs on event loops and holds no thread while it
 * waits. Each method only describes the request; it runs, and its clock starts, when the server
 * subscribes. Each part bounds its step by what remains of the request's deadline, and cancels its
 * I/O when the deadline passes.
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
  Mono<ServedPhoto> sequential(DogRequest request) {
    return Mono.defer(
        () -> {
          var timeline = RequestTimeline.start();
          // 1. upstream: fetch a photo; the upstream says which file it is
          return time(timeline, UPSTREAM, () -> upstream.fetch(request.deadline()))
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

  // end::sequential[]

  // tag::gathered[]
  Mono<ServedPhoto> gathered(DogRequest request) {
    return Mono.defer(
        () -> {
          var timeline = RequestTimeline.start();
          // 1. upstream: fetch a photo; the upstream says which file it is
          return time(timeline, UPSTREAM, () -> upstream.fetch(request.deadline()))
              .flatMap(
                  photo ->
                      Mono.zip(
                              // 2. billing and 3. name at the same time: zip subscribes to both at
                              // once
                              time(timeline, BILLING, () -> ledger.bill(request, photo.filename())),
                              time(
                                  timeline,
                                  NAME,
                                  () -> names.nameOf(photo.filename(), request.deadline())),
                              // when one fails, zip cancels the other and passes the failure on
                              (billed, dogName) -> new ServedPhoto(photo, dogName, timeline))
                          // failed or abandoned once billing began: undo it in the background,
                          // answer at once
                          .doOnError(failure -> compensations.undo(request.id()))
                          .doOnCancel(() -> compensations.undo(request.id())));
        });
  }

  // end::gathered[]

  /** Times one step from subscription to its result; a failed or cancelled step has no timing. */
  private static <T> Mono<T> time(RequestTimeline timeline, Step step, Supplier<Mono<T>> work) {
    return Mono.defer(
        () -> {
          var span = timeline.begin(step);
          return work.get().doOnSuccess(result -> span.end());
        });
  }
}
