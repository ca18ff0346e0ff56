package dev.caas.reactive;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogRequest;
import dev.caas.contract.ErrorBody;
import dev.caas.contract.Health;
import dev.caas.contract.Json;
import dev.caas.contract.Limits;
import dev.caas.contract.Load;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.StepFailure;
import dev.caas.contract.Variant;
import io.r2dbc.pool.PoolMetrics;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The endpoints of the reactive variants, as WebFlux's functional router (the blocking kit's {@code
 * DogServer} does the same job on Javalin). Gives each photo request its id and deadline, turns a
 * {@link ServedPhoto} into the contract's answer and a {@link StepFailure} into its JSON error, and
 * reports on {@code /health} what the variant is busy with.
 */
final class DogServer {
  private static final Logger log = LoggerFactory.getLogger(DogServer.class);

  private final Variant variant;
  private final PhotoHandler handler;
  private final Duration deadline;
  private final BillingLedger ledger;
  private final Limits limits;
  private final PoolMetrics dbPool;
  private final Compensations compensations;

  /** Photo requests received and not answered yet. */
  private final AtomicInteger inFlight = new AtomicInteger();

  DogServer(
      Variant variant,
      PhotoHandler handler,
      Duration deadline,
      BillingLedger ledger,
      Limits limits,
      PoolMetrics dbPool,
      Compensations compensations) {
    this.variant = variant;
    this.handler = handler;
    this.deadline = deadline;
    this.ledger = ledger;
    this.limits = limits;
    this.dbPool = dbPool;
    this.compensations = compensations;
  }

  RouterFunction<ServerResponse> router() {
    return RouterFunctions.route()
        .GET(DogPaths.ROOT, this::servePhoto)
        .GET(DogPaths.DOG, this::servePhoto)
        .GET(DogPaths.HEALTH, request -> json(200, Health.json(variant, true, limits, load())))
        .GET(
            DogPaths.BILLING,
            request ->
                ledger
                    .counts(Deadline.after(deadline))
                    .flatMap(counts -> json(200, Json.numbers(counts)))
                    .onErrorResume(
                        StepFailure.class,
                        failure -> json(failure.status(), ErrorBody.of(failure, null).toJson())))
        .build();
  }

  private Load load() {
    return new Load(
        inFlight.get(),
        dbPool.acquiredSize(),
        dbPool.idleSize(),
        dbPool.pendingAcquireSize(),
        compensations.pending());
  }

  private Mono<ServerResponse> servePhoto(ServerRequest serverRequest) {
    var request = DogRequest.arrived(newRequestId(), deadline);
    UUID requestId = request.id();
    return Mono.defer(
            () -> {
              inFlight.incrementAndGet();
              return handler.serve(request);
            })
        .flatMap(
            served ->
                ServerResponse.ok()
                    .headers(
                        headers -> {
                          DogHeaders.forAnyAnswer(variant.wireName(), requestId)
                              .forEach(headers::set);
                          DogHeaders.forPhoto(
                                  served.photo().filename(),
                                  served.dogName(),
                                  served.timeline().serverTiming())
                              .forEach(headers::set);
                        })
                    .contentType(MediaType.IMAGE_JPEG)
                    .contentLength(served.photo().jpeg().length)
                    .body(delivered(served.photo().jpeg(), requestId)))
        .onErrorResume(
            StepFailure.class,
            failure -> failed(failure.status(), ErrorBody.of(failure, requestId), requestId))
        .onErrorResume(
            e -> !(e instanceof StepFailure),
            e -> {
              log.error("unexpected failure of request {}", requestId, e);
              return failed(500, new ErrorBody("internal error", null, requestId), requestId);
            })
        .doFinally(signal -> inFlight.decrementAndGet());
  }

  /**
   * Writes the photo; a photo that cannot be delivered (the client left before or during the write,
   * which fails or cancels it) is not billed: its billing is undone like that of any failed
   * request.
   */
  private BodyInserter<byte[], ReactiveHttpOutputMessage> delivered(byte[] jpeg, UUID requestId) {
    return (message, context) ->
        message
            .writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(jpeg)))
            .doOnError(clientGone -> compensations.undo(requestId))
            .doOnCancel(() -> compensations.undo(requestId));
  }

  /**
   * A random (version 4) UUID without {@code UUID.randomUUID()}, which reads {@code /dev/urandom}
   * through a {@code FileInputStream} behind one lock for all threads: a small blocking read on the
   * event loop, and BlockHound catches it. A request id needs to be unique, not unguessable.
   */
  private static UUID newRequestId() {
    var random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low);
  }

  private Mono<ServerResponse> failed(int status, ErrorBody body, UUID requestId) {
    return ServerResponse.status(status)
        .headers(
            headers -> DogHeaders.forAnyAnswer(variant.wireName(), requestId).forEach(headers::set))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.toJson());
  }

  private static Mono<ServerResponse> json(int status, String body) {
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
  }
}
