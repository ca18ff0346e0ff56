package dev.caas.toxiproxy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client accepted by a proxy and the socket the proxy opened to its upstream, joined by two
 * links. The connection closes both sockets when both directions ended, when a toxic aborts it,
 * when a write fails, or when the proxy goes down.
 *
 * <p>Opened while its proxy has no toxic but latency, a connection is carried by the {@link
 * PassThroughLoop}; the first other toxic added to the proxy hands it over to its threaded links
 * for good (they write straight through again once the toxics are gone, so it stays cheap, just not
 * the cheapest).
 */
final class Connection {

  private static final byte[] NOTHING = new byte[0];

  private final Proxy proxy;
  private final Socket client;
  private final Socket upstream;
  private final Link toUpstream;
  private final Link toDownstream;
  private final ToxicChain toxics;
  private final AtomicInteger endedDirections = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Who carries the bytes; guarded by this. */
  private Carrier carrier = Carrier.NOT_STARTED;

  /** The loop's state for this connection while the loop carries it; guarded by this. */
  private PassThroughLoop.Pipes pipes;

  private enum Carrier {
    NOT_STARTED,
    LOOP,
    LINKS
  }

  Connection(Proxy proxy, Socket client, Socket upstream, ToxicChain toxics)
      throws SocketException {
    this.proxy = proxy;
    this.client = client;
    this.upstream = upstream;
    this.toxics = toxics;
    // Go sets TCP_NODELAY by default; without it Nagle and delayed ACKs add ~40 ms stalls.
    client.setTcpNoDelay(true);
    upstream.setTcpNoDelay(true);
    this.toUpstream = new Link(this, Direction.UPSTREAM, client, upstream, toxics);
    this.toDownstream = new Link(this, Direction.DOWNSTREAM, upstream, client, toxics);
  }

  /**
   * Starts carrying bytes: on the loop while the proxy has no toxic but latency, else on threaded
   * links.
   */
  synchronized void start(ToxicChain toxics) {
    if (PassThroughLoop.carries(toxics)) {
      carrier = Carrier.LOOP;
      pipes =
          PassThroughLoop.shared()
              .register(this, client.getChannel(), upstream.getChannel(), toxics);
    } else {
      startLinks(
          List.of(Direction.UPSTREAM, Direction.DOWNSTREAM),
          NOTHING,
          NOTHING,
          List.of(),
          List.of());
    }
  }

  /**
   * The proxy's toxics in {@code direction} changed. Threaded links pick the change up themselves;
   * a connection on the loop is handed over to them, and the returned future completes once it is.
   */
  synchronized CompletableFuture<Void> toxicsChanged(Direction direction) {
    if (carrier == Carrier.LINKS) {
      link(direction).wake();
    } else if (carrier == Carrier.LOOP && !PassThroughLoop.carries(toxics)) {
      return PassThroughLoop.shared().handOver(pipes);
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Starts the threaded links of the directions still {@code running}; each first writes what the
   * loop read for it but had not written yet.
   */
  synchronized void startLinks(
      List<Direction> running,
      byte[] unwrittenToUpstream,
      byte[] unwrittenToDownstream,
      List<Segment.Data> delayedToUpstream,
      List<Segment.Data> delayedToDownstream) {
    carrier = Carrier.LINKS;
    pipes = null;
    String name = "toxiproxy-" + proxy.name() + "-" + client.getPort();
    if (running.contains(Direction.UPSTREAM)) {
      toUpstream.start(name, unwrittenToUpstream, delayedToUpstream);
    }
    if (running.contains(Direction.DOWNSTREAM)) {
      toDownstream.start(name, unwrittenToDownstream, delayedToDownstream);
    }
  }

  private Link link(Direction direction) {
    return direction == Direction.UPSTREAM ? toUpstream : toDownstream;
  }

  /**
   * One direction finished: pass the end on as a half-close, and close everything once both
   * directions are done. (Toxiproxy closes the destination fully here; a half-close lets a client
   * that shuts down its output still read the reply.)
   */
  void endOfStream(Socket destination) {
    try {
      destination.shutdownOutput();
    } catch (IOException e) {
      close();
      return;
    }
    if (endedDirections.incrementAndGet() == 2) {
      close();
    }
  }

  /** Ends the connection now; with {@code reset}, both peers get a TCP RST instead of a FIN. */
  void abort(boolean reset) {
    if (reset) {
      resetOnClose(client);
      resetOnClose(upstream);
    }
    close();
  }

  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(client);
    closeQuietly(upstream);
    PassThroughLoop.shared().closed();
    toUpstream.stop();
    toDownstream.stop();
    proxy.forget(this);
  }

  private static void resetOnClose(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // Already closed: nothing left to reset.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is unusable either way.
    }
  }
}
