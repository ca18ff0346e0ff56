package dev.caas.harness.calibration;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The calibration target: a loopback HTTP server with two endpoints, {@code /zero} answering at
 * once and {@code /delay} answering after a fixed delay. It runs on Netty event loops and waits on
 * timers, not threads, so a thousand requests in flight cost it nothing but sockets: what is
 * measured is the generator.
 */
public final class DelayServer implements AutoCloseable {
  public static final String ZERO = "/zero";
  public static final String DELAY = "/delay";
  private static final byte[] BODY = "woof\n".getBytes(StandardCharsets.US_ASCII);

  private final LoopResources loops;
  private final DisposableServer server;

  public DelayServer(Duration delay) {
    this.loops =
        LoopResources.create("caas-calibrate-server", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .runOn(loops)
            .route(
                routes ->
                    routes
                        .get(
                            ZERO,
                            (request, response) ->
                                response
                                    .header(
                                        HttpHeaderNames.CONTENT_LENGTH,
                                        Integer.toString(BODY.length))
                                    .sendByteArray(Mono.just(BODY)))
                        .get(
                            DELAY,
                            (request, response) ->
                                response
                                    .header(
                                        HttpHeaderNames.CONTENT_LENGTH,
                                        Integer.toString(BODY.length))
                                    .sendByteArray(Mono.delay(delay).thenReturn(BODY))))
            .bindNow();
  }

  /** {@code http://127.0.0.1:PORT} */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
  }
}
