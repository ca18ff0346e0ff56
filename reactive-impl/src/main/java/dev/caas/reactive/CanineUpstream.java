package dev.caas.reactive;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import dev.caas.contract.UpstreamAnswers;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Step 1 over WebClient: {@code GET {upstream}/dog}, checked, the body read up to a cap. The
 * request's deadline bounds the whole step (a free connection, connecting, the answer, the body):
 * when it passes, the exchange is cancelled, which closes a connection with an answer under way
 * rather than lending it again.
 */
public final class CanineUpstream implements AutoCloseable {
  /**
   * Requests that may wait for a connection: bounded, but far past any scenario the harness runs.
   */
  private static final int MAX_WAITING = 100_000;

  private final ConnectionProvider connections;
  private final int maxConnections;
  private final WebClient client;
  private final URI dogUri;

  /**
   * @param maxConnections keep-alive connections at most (a thousand by default: {@code
   *     --upstream-connections}); more requests in flight wait in the queue below
   */
  CanineUpstream(URI upstreamUrl, Duration deadline, int maxConnections) {
    // HTTP/1.1 with keep-alive (Reactor Netty's default): one connection per request in flight, as
    // every
    // variant gets. No idle or lifetime eviction, so no connection is reopened under latency.
    // Reactor Netty's
    // own limits on waiting for a connection (45 s) and connecting (30 s) are raised to the whole
    // deadline, so
    // only the request's deadline ends these waits, never a shorter limit of the pool.
    this.maxConnections = maxConnections;
    this.connections =
        ConnectionProvider.builder("upstream")
            .maxConnections(maxConnections)
            .pendingAcquireMaxCount(MAX_WAITING)
            .pendingAcquireTimeout(deadline)
            .build();
    var http =
        HttpClient.create(connections)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, deadline.toMillis()));
    this.client =
        WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(http))
            // The codec counts while it reads and fails at the cap: a 20 MB answer is never held in
            // memory.
            .codecs(
                codecs -> codecs.defaultCodecs().maxInMemorySize(UpstreamAnswers.MAX_PHOTO_BYTES))
            .build();
    this.dogUri = upstreamUrl.resolve(DogPaths.DOG);
  }

  /**
   * Fetches one photo; nothing waits on a thread: the event loop is called back as bytes arrive.
   */
  public Mono<DogPhoto> fetch(Deadline deadline) {
    return Mono.defer(
            () ->
                client
                    .get()
                    .uri(dogUri)
                    .exchangeToMono(
                        response -> {
                          String filename =
                              UpstreamAnswers.checkHead(
                                  response.statusCode().value(),
                                  header(response, HttpHeaders.CONTENT_TYPE),
                                  header(response, DogHeaders.X_FILENAME));
                          return response
                              .bodyToMono(byte[].class)
                              .defaultIfEmpty(new byte[0])
                              .map(jpeg -> new DogPhoto(filename, UpstreamAnswers.checkBody(jpeg)));
                        })
                    .timeout(
                        deadline.remaining(), Mono.error(() -> deadline.failure(Step.UPSTREAM))))
        .onErrorMap(e -> !(e instanceof StepFailure), this::failure);
  }

  int maxConnections() {
    return maxConnections;
  }

  private static String header(ClientResponse response, String name) {
    var values = response.headers().header(name);
    return values.isEmpty() ? null : values.getFirst();
  }

  private StepFailure failure(Throwable e) {
    if (causes(e).anyMatch(DataBufferLimitException.class::isInstance)) {
      return UpstreamAnswers.tooLarge();
    }
    // Netty's HTTP decoder fails an answer it cannot parse (a head line before the status line is
    // read as a status line with an invalid version) with an IllegalArgumentException in the
    // response's decoder result, which Reactor Netty passes on as the exchange's error.
    if (causes(e)
        .anyMatch(
            cause ->
                cause instanceof DecoderException || cause instanceof IllegalArgumentException)) {
      return StepFailure.badGateway(Step.UPSTREAM, "upstream sent a malformed HTTP answer");
    }
    // Reactor Netty's pool is shaded inside it: PoolAcquireTimeoutException,
    // PoolAcquirePendingLimitException.
    if (causes(e).anyMatch(cause -> cause.getClass().getSimpleName().startsWith("PoolAcquire"))) {
      return StepFailure.unavailable(Step.UPSTREAM, "no upstream connection free in time", e);
    }
    if (causes(e).anyMatch(ConnectTimeoutException.class::isInstance)) {
      return StepFailure.unavailable(
          Step.UPSTREAM, "upstream unreachable: connecting timed out", e);
    }
    if (causes(e).anyMatch(ConnectException.class::isInstance)) {
      return StepFailure.unavailable(Step.UPSTREAM, "upstream unreachable: connection refused", e);
    }
    return StepFailure.unavailable(Step.UPSTREAM, "upstream connection failed", e);
  }

  private static Stream<Throwable> causes(Throwable e) {
    return Stream.iterate(e, Objects::nonNull, Throwable::getCause);
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
