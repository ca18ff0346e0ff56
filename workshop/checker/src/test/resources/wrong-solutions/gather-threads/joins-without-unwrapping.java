package dev.caas.workshop.gatherthreads;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.DogRequest;
import dev.caas.contract.RequestTimeline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A wrong solution of gather-threads: gathered, fast, and correct while nothing fails; but {@code
 * join()} wraps a failing step's StepFailure in a CompletionException. The server unwraps it for
 * the status and the step (a 504 that blames the name), and answers without the request's id in
 * the error body, which the contract puts there.
 */
final class DogHandler implements PhotoHandler {
  private final DogParts parts;
  private final ExecutorService gatherPool;

  DogHandler(DogParts parts, ExecutorService gatherPool) {
    this.parts = parts;
    this.gatherPool = gatherPool;
  }

  @Override
  public ServedPhoto serve(DogRequest request) {
    var timeline = RequestTimeline.start();
    DogPhoto photo = timeline.time(UPSTREAM, () -> parts.upstream().fetch(request.deadline()));
    return parts
        .compensations()
        .undoBillingIfFails(
            request,
            () -> {
              var billing =
                  CompletableFuture.runAsync(
                      () ->
                          timeline.time(
                              BILLING, () -> parts.ledger().bill(request, photo.filename())),
                      gatherPool);
              var dogName =
                  CompletableFuture.supplyAsync(
                      () ->
                          timeline.time(
                              NAME,
                              () -> parts.names().nameOf(photo.filename(), request.deadline())),
                      gatherPool);
              billing.join();
              return new ServedPhoto(photo, dogName.join(), timeline);
            });
  }
}
