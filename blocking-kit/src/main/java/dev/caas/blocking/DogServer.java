package dev.caas.blocking;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogRequest;
import dev.caas.contract.ErrorBody;
import dev.caas.contract.ExtraCpu;
import dev.caas.contract.Health;
import dev.caas.contract.Json;
import dev.caas.contract.Limits;
import dev.caas.contract.ServedPhoto;
import dev.caas.contract.StepFailure;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javalin wired the same way for both thread-per-request models; only {@code threadModel} differs.
 * Gives each photo request its id and deadline, turns a {@link ServedPhoto} into the contract's
 * answer (billed only once it is delivered) and a {@link StepFailure} into its JSON error, and
 * reports limits and load on {@code /health}.
 */
public final class DogServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DogServer.class);

  private final Javalin app;
  private final List<AutoCloseable> resources = new ArrayList<>();

  private DogServer(Javalin app) {
    this.app = app;
  }

  /** Resources (pools, executors) to close after the server stops, last registered first. */
  public DogServer closing(AutoCloseable... more) {
    resources.addAll(0, List.of(more));
    return this;
  }

  /**
   * Starts serving.
   *
   * @param threadModel configures the threads that run handlers (a bounded pool, or virtual
   *     threads)
   * @param limits what {@code /health} reports, for the harness's theory (read once the server
   *     runs, since Jetty leases some of its pool's threads to its acceptors and selectors)
   */
  public static DogServer start(
      Variant variant,
      VariantOptions options,
      Consumer<JavalinConfig> threadModel,
      PhotoHandler handler,
      DogParts parts,
      Supplier<Limits> limits) {
    var inFlight = new AtomicInteger();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.jetty.host = options.host();
              // No header field cache: Jetty builds one per kept-alive connection, a trie of
              // 48 Ki chars (96 KiB), and a closed loop of thousands of clients keeps thousands of
              // connections alive — measured, the largest thing a waiting request held. Every
              // request parses its few headers afresh instead.
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
              threadModel.accept(config);
              // outside the queue: a request refused or a connection closed takes no place in it
              WireDeadlines.install(config, options);
              RequestGate.install(config);
              config.routes.get(
                  DogPaths.ROOT,
                  ctx ->
                      servePhoto(ctx, variant, options, handler, parts.compensations(), inFlight));
              config.routes.get(
                  DogPaths.DOG,
                  ctx ->
                      servePhoto(ctx, variant, options, handler, parts.compensations(), inFlight));
              config.routes.get(
                  DogPaths.HEALTH,
                  ctx ->
                      json(
                          ctx,
                          200,
                          Health.json(variant, true, limits.get(), parts.load(inFlight.get()))));
              config.routes.get(
                  DogPaths.BILLING,
                  ctx ->
                      json(
                          ctx,
                          200,
                          Json.numbers(parts.ledger().counts(Deadline.after(options.deadline())))));
              config.routes.exception(
                  StepFailure.class,
                  (failure, ctx) ->
                      json(
                          ctx,
                          failure.status(),
                          new ErrorBody(failure.getMessage(), failure.step(), null).toJson()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("unexpected failure", e);
                    json(ctx, 500, new ErrorBody("internal error", null, null).toJson());
                  });
            });
    app.start(options.port());
    return new DogServer(app).closing(parts);
  }

  private static void servePhoto(
      Context ctx,
      Variant variant,
      VariantOptions options,
      PhotoHandler handler,
      Compensations compensations,
      AtomicInteger inFlight) {
    var request = DogRequest.arrived(UUID.randomUUID(), options.deadline());
    DogHeaders.forAnyAnswer(variant.wireName(), request.id()).forEach(ctx::header);
    inFlight.incrementAndGet();
    try {
      ExtraCpu.spin(options.extraCpu());
      ServedPhoto served = handler.serve(request);
      DogHeaders.forPhoto(
              served.photo().filename(), served.dogName(), served.timeline().serverTiming())
          .forEach(ctx::header);
      deliver(ctx, served.photo().jpeg(), request, compensations);
    } catch (StepFailure failure) {
      json(ctx, failure.status(), ErrorBody.of(failure, request.id()).toJson());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Writes the photo and waits until the client's connection took all of it. A photo that cannot be
   * delivered (the client left before or during the write) is not billed: its billing is undone
   * like that of any failed request.
   */
  private static void deliver(
      Context ctx, byte[] jpeg, DogRequest request, Compensations compensations) {
    ctx.contentType(DogHeaders.IMAGE_JPEG);
    var response = ctx.res();
    response.setContentLength(jpeg.length);
    try (var body = response.getOutputStream()) {
      body.write(jpeg);
    } catch (IOException clientGone) {
      compensations.undo(request.id());
    }
  }

  private static void json(Context ctx, int status, String body) {
    ctx.status(status).contentType(DogHeaders.APPLICATION_JSON).result(body);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("could not close {}", resource, e);
      }
    }
  }
}
