package dev.caas.harness.load;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.ErrorBody;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The harness's HTTP client: Reactor Netty on a pool of keep-alive connections, sized to the number
 * of requests the workload keeps in flight.
 *
 * <p>Why not {@code java.net.http}: measured on this project's machine, {@code sendAsync} with
 * 1,000 requests in flight to an endpoint that answers after 1 s reported a median of 2.3 s where
 * {@code wrk} reported 1.06 s. The generator's own queueing would be measured as the server's
 * latency. A few Netty event loops handle thousands of connections without a thread each, and
 * reusing the connections of the warm-up keeps connection set-up out of the measurement.
 */
public final class RequestClient implements AutoCloseable {
  /**
   * Below the variants' server idle timeouts, so the client is the one that closes an idle
   * connection.
   */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);

  /** Enough for the contract's error JSON; anything longer is not it. */
  private static final int ERROR_BODY_CAP = 4096;

  private final LoopResources loops;
  private final ConnectionProvider connections;
  private final HttpClient http;
  private final Duration timeout;
  private final URI baseUrl;

  /**
   * @param baseUrl the variant, e.g. {@code http://127.0.0.1:41234}
   * @param maxConnections at most this many requests on the wire at once; further ones wait for a
   *     connection
   * @param timeout a request that has no complete answer by then counts as an error ({@code
   *     timeout})
   */
  public RequestClient(URI baseUrl, int maxConnections, Duration timeout) {
    this.timeout = timeout;
    this.baseUrl = baseUrl;
    this.loops = LoopResources.create("caas-load", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
    this.connections =
        ConnectionProvider.builder("caas-load")
            .maxConnections(maxConnections)
            // An open loop may get ahead of the connections; its requests queue here and the wait
            // is latency.
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(timeout)
            // A connection left idle (a sweep's thousand clients while it measures one) is closed
            // by the client
            // before a server's idle timeout (Jetty's is 30 s) can close it under a request being
            // sent.
            .maxIdleTime(MAX_IDLE)
            .build();
    this.http =
        HttpClient.create(connections)
            .runOn(loops)
            .baseUrl(baseUrl.toString())
            .keepAlive(true)
            .compress(false);
  }

  /**
   * Sends {@code GET path} when subscribed; never fails: a missing answer is an {@link Exchange}
   * with status 0.
   */
  public Mono<Exchange> get(String path) {
    return Mono.defer(
        () -> {
          long issued = System.nanoTime();
          long[] sent = {issued};
          return http.request(HttpMethod.GET)
              .uri(path)
              .send(
                  (request, outbound) -> {
                    // Called once a connection is ours: waiting for one is the generator's queue,
                    // not the server's.
                    sent[0] = System.nanoTime();
                    return outbound;
                  })
              .response(
                  (response, body) -> {
                    int status = response.status().code();
                    // A photo is only counted; an error's small JSON body is kept to read the step
                    // it blames.
                    StringBuilder errorBody = status == 200 ? null : new StringBuilder();
                    return body.map(
                            chunk -> {
                              if (errorBody != null && errorBody.length() < ERROR_BODY_CAP) {
                                errorBody.append(chunk.toString(StandardCharsets.UTF_8));
                              }
                              return (long) chunk.readableBytes();
                            })
                        .reduce(0L, Long::sum)
                        .map(
                            bytes ->
                                new Exchange(
                                    issued,
                                    sent[0],
                                    System.nanoTime(),
                                    status,
                                    bytes,
                                    response.responseHeaders().get(DogHeaders.X_FILENAME),
                                    response.responseHeaders().get(DogHeaders.SERVER_TIMING),
                                    null,
                                    errorBody == null
                                        ? null
                                        : ErrorBody.stepOf(errorBody.toString())));
                  })
              .next()
              .timeout(timeout)
              .onErrorResume(e -> Mono.just(Exchange.failed(issued, sent[0], e)));
        });
  }

  /** The server this client sends to. */
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    connections.disposeLater().block(Duration.ofSeconds(10));
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
  }
}
