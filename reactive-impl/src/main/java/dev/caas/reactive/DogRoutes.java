package dev.caas.reactive;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.ErrorBody;
import dev.caas.contract.Health;
import dev.caas.contract.Json;
import dev.caas.contract.Limits;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import dev.caas.contract.Variant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The endpoints as a functional router. Turns a {@link ServedPhoto} into the contract's answer and a
 * {@link StepFailure} into its JSON error, and undoes the billing of a request that failed after step 1
 * (compensation by request id), before answering.
 */
final class DogRoutes {
  private static final Logger log = LoggerFactory.getLogger(DogRoutes.class);

  private final Variant variant;
  private final PhotoHandler handler;
  private final BillingLedger ledger;
  private final Limits limits;

  DogRoutes(Variant variant, PhotoHandler handler, BillingLedger ledger, Limits limits) {
    this.variant = variant;
    this.handler = handler;
    this.ledger = ledger;
    this.limits = limits;
  }

  RouterFunction<ServerResponse> router() {
    return RouterFunctions.route()
        .GET(DogPaths.ROOT, this::servePhoto)
        .GET(DogPaths.DOG, this::servePhoto)
        .GET(DogPaths.HEALTH, request -> json(200, Health.json(variant, true, limits)))
        .GET(DogPaths.BILLING, request -> ledger.counts()
            .flatMap(counts -> json(200, Json.numbers(counts)))
            .onErrorResume(StepFailure.class, failure -> json(failure.status(), ErrorBody.of(failure, null).toJson())))
        .build();
  }

  private Mono<ServerResponse> servePhoto(ServerRequest request) {
    UUID requestId = newRequestId();
    return handler.serve(requestId)
        .flatMap(served -> ServerResponse.ok()
            .headers(headers -> {
              DogHeaders.forAnyAnswer(variant.wireName(), requestId).forEach(headers::set);
              DogHeaders.forPhoto(served.photo().filename(), served.dogName(), served.timeline().serverTiming())
                  .forEach(headers::set);
            })
            .contentType(MediaType.IMAGE_JPEG)
            .bodyValue(served.photo().jpeg()))
        .onErrorResume(StepFailure.class, failure -> compensate(failure, requestId)
            .then(failed(failure.status(), ErrorBody.of(failure, requestId), requestId)))
        .onErrorResume(e -> !(e instanceof StepFailure), e -> {
          log.error("unexpected failure of request {}", requestId, e);
          return failed(500, new ErrorBody("internal error", null, requestId), requestId);
        });
  }

  /**
   * A failed request is not billed: delete its event, if the insert got that far (best effort). In gathered,
   * zip has already cancelled the billing branch, but an INSERT it had sent still commits; its connection
   * went back to the pool first, and r2dbc-pool lends the most recently returned connection, so the DELETE
   * normally queues behind that INSERT on the same connection.
   */
  private Mono<Void> compensate(StepFailure failure, UUID requestId) {
    if (failure.step() == Step.UPSTREAM) {
      return Mono.empty();
    }
    return ledger.unbill(requestId)
        .onErrorResume(StepFailure.class, e -> {
          log.warn("could not compensate billing of request {}: {}", requestId, e.getMessage());
          return Mono.empty();
        })
        .then();
  }

  /**
   * A random (version 4) UUID without {@code UUID.randomUUID()}, which reads {@code /dev/urandom} through a
   * {@code FileInputStream} behind one lock for all threads: a small blocking read on the event loop, and
   * BlockHound catches it. A request id needs to be unique, not unguessable.
   */
  private static UUID newRequestId() {
    var random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low);
  }

  private Mono<ServerResponse> failed(int status, ErrorBody body, UUID requestId) {
    return ServerResponse.status(status)
        .headers(headers -> DogHeaders.forAnyAnswer(variant.wireName(), requestId).forEach(headers::set))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.toJson());
  }

  private static Mono<ServerResponse> json(int status, String body) {
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
  }
}
