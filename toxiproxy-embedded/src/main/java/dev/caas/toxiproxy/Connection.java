package dev.caas.toxiproxy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client accepted by a proxy and the socket the proxy opened to its upstream, joined by two
 * links. The connection closes both sockets when both directions ended, when a toxic aborts it,
 * when a write fails, or when the proxy goes down.
 */
final class Connection {

  private final Proxy proxy;
  private final Socket client;
  private final Socket upstream;
  private final Link toUpstream;
  private final Link toDownstream;
  private final AtomicInteger endedDirections = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  Connection(Proxy proxy, Socket client, Socket upstream, ToxicChain toxics)
      throws SocketException {
    this.proxy = proxy;
    this.client = client;
    this.upstream = upstream;
    // Go sets TCP_NODELAY by default; without it Nagle and delayed ACKs add ~40 ms stalls.
    client.setTcpNoDelay(true);
    upstream.setTcpNoDelay(true);
    this.toUpstream = new Link(this, Direction.UPSTREAM, client, upstream, toxics);
    this.toDownstream = new Link(this, Direction.DOWNSTREAM, upstream, client, toxics);
  }

  void start() {
    String name = "toxiproxy-" + proxy.name() + "-" + client.getPort();
    toUpstream.start(name);
    toDownstream.start(name);
  }

  Link link(Direction direction) {
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
