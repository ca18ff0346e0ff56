package dev.caas.harness.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The harness's HTTP client: Netty's own HTTP codec on a pool of keep-alive connections, sized to
 * the number of requests the workload keeps in flight.
 *
 * <p>Why not {@code java.net.http}: measured on this project's machine, {@code sendAsync} with
 * 1,000 requests in flight to an endpoint that answers after 1 s reported a median of 2.3 s where
 * {@code wrk} reported 1.06 s. The generator's own queueing would be measured as the server's
 * latency. A few Netty event loops handle thousands of connections without a thread each, and
 * reusing the connections of the warm-up keeps connection set-up out of the measurement.
 *
 * <p>Why plain Netty and not Reactor Netty, which this client was until issue 12: the generator
 * shares a 2-core machine with what it measures, so its CPU per request is taken from the variant.
 * A JFR profile at saturation put about 80 % of the generator's CPU in Reactor Netty's per-request
 * machinery (a publisher chain, a pool acquisition with its own subscribers, a timer per request
 * through {@code Mono.timeout}); a request here is one {@link Call} object handed to a connection's
 * handler, and its timeout one task on the connection's event loop. Everything that speaks HTTP is
 * still Netty's ({@link HttpClientCodec}): no hand-written parser.
 */
public final class RequestClient implements AutoCloseable {
  /**
   * Below the variants' server idle timeouts, so the client is the one that closes an idle
   * connection.
   */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);

  /** Netty's defaults for the status line and the headers. */
  private static final int MAX_LINE = 4096;

  private static final int MAX_HEADERS = 8192;

  /**
   * A body piece as large as a loopback read: a photo is counted in one or two pieces rather than
   * Netty's default of 8 KB pieces, each an object to pass and release.
   */
  private static final int MAX_BODY_PIECE = 64 * 1024;

  private final URI baseUrl;
  private final Duration timeout;
  private final LoopResources loopResources;
  private final EventLoopGroup loops;
  private final ConnectionPool connections;

  /**
   * @param baseUrl the variant, e.g. {@code http://127.0.0.1:41234}
   * @param maxConnections at most this many requests on the wire at once; further ones wait for a
   *     connection
   * @param timeout a request that has no complete answer by then counts as an error ({@code
   *     timeout}); the time waiting for a connection counts
   */
  public RequestClient(URI baseUrl, int maxConnections, Duration timeout) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("a client needs at least one connection");
    }
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    // Reactor Netty's loop resources only to choose the transport: native epoll where it loads.
    this.loopResources =
        LoopResources.create("caas-load", Runtime.getRuntime().availableProcessors(), true);
    this.loops = loopResources.onClient(true);
    String host = baseUrl.getHost();
    int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : 80;
    String hostHeader = baseUrl.getPort() > 0 ? host + ":" + port : host;
    var bootstrap =
        new Bootstrap()
            .group(loops)
            .channel(loopResources.onChannelClass(SocketChannel.class, loops))
            .option(ChannelOption.TCP_NODELAY, true)
            .remoteAddress(host, port);
    this.connections = new ConnectionPool(bootstrap, maxConnections, hostHeader);
    bootstrap.handler(
        new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel
                .pipeline()
                .addLast(new HttpClientCodec(MAX_LINE, MAX_HEADERS, MAX_BODY_PIECE))
                // A connection left idle (a sweep's thousand clients while it measures one) is
                // closed by the client before a server's idle timeout (Jetty's is 30 s) can close
                // it under a request being sent; AnswerReader ignores the event mid-answer.
                .addLast(new IdleStateHandler(0, 0, MAX_IDLE.toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new AnswerReader(connections));
          }
        });
  }

  /**
   * Sends {@code GET path} now and tells {@code answered} once, from one of the client's threads,
   * with what came back; never fails: a missing answer is an {@link Exchange} with status 0. Keep
   * {@code answered} short: it runs on an event loop, and may send the next request.
   */
  public void send(String path, Consumer<Exchange> answered) {
    long issued = System.nanoTime();
    var call = new Call(path, issued, issued + timeout.toNanos(), answered);
    call.timeout =
        loops
            .next()
            .schedule(() -> connections.expire(call), timeout.toNanos(), TimeUnit.NANOSECONDS);
    connections.submit(call);
  }

  /**
   * Sends {@code GET path} when subscribed; never fails: a missing answer is an {@link Exchange}
   * with status 0.
   */
  public Mono<Exchange> get(String path) {
    return Mono.create(sink -> send(path, sink::success));
  }

  /** Like {@link #get}, for callers without Reactor. */
  public CompletableFuture<Exchange> fetch(String path) {
    var answer = new CompletableFuture<Exchange>();
    send(path, answer::complete);
    return answer;
  }

  /** The server this client sends to. */
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    connections.close();
    loopResources.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
  }
}
