package dev.caas.toxiproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named proxy: listens on {@code listen}, dials {@code upstream} for every client it accepts, and
 * applies its toxics to the connections between them. Disabled means down: no listener and no
 * connections. {@code listen} always holds the address actually bound, so a proxy created on port 0
 * reports its real port and comes back on the same port when re-enabled.
 */
final class Proxy {

  private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int HAND_OVER_TIMEOUT_SECONDS = 5;

  private final String name;
  private final ToxicChain toxics = new ToxicChain(this::toxicsChanged);
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final DialSources dialSources;

  // Guarded by this.
  private HostPort listen;
  private HostPort upstream;
  private ServerSocket listener;
  private Thread acceptor;

  Proxy(String name, HostPort listen, HostPort upstream, DialSources dialSources) {
    this.name = name;
    this.dialSources = dialSources;
    this.listen = listen;
    this.upstream = upstream;
  }

  String name() {
    return name;
  }

  ToxicChain toxics() {
    return toxics;
  }

  synchronized HostPort listen() {
    return listen;
  }

  synchronized HostPort upstream() {
    return upstream;
  }

  synchronized boolean enabled() {
    return listener != null;
  }

  /** Opens the listener; does nothing if the proxy is already up. */
  synchronized void start() throws IOException {
    if (listener != null) {
      return;
    }
    // Channel-backed sockets, so a connection can be carried by the pass-through loop.
    ServerSocket socket = ServerSocketChannel.open().socket();
    try {
      // Rebinding the same port right after a disable must not trip over TIME_WAIT.
      socket.setReuseAddress(true);
      socket.bind(listen.resolve(), 1024);
    } catch (IOException e) {
      socket.close();
      throw new IOException("listen tcp " + listen + ": " + e.getMessage(), e);
    }
    listener = socket;
    listen = HostPort.of((InetSocketAddress) socket.getLocalSocketAddress());
    acceptor =
        Thread.ofVirtual().name("toxiproxy-" + name + "-accept").start(() -> acceptLoop(socket));
  }

  /** Closes the listener and every connection. */
  synchronized void stop() {
    if (listener == null) {
      return;
    }
    try {
      listener.close();
      // The JDK releases the port only once the thread blocked in accept() has left it;
      // wait for that, or re-enabling on the same port could find it still in use.
      acceptor.join(Duration.ofSeconds(5));
    } catch (IOException e) {
      // The accept loop ends either way.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener = null;
    acceptor = null;
    for (Connection connection : List.copyOf(connections)) {
      connection.close();
    }
  }

  /** Applies a changed address (restarting the listener) and the wanted enabled state. */
  synchronized void update(HostPort newListen, HostPort newUpstream, boolean enable)
      throws IOException {
    if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
      stop();
      listen = newListen;
      upstream = newUpstream;
    }
    if (enable) {
      start();
    } else {
      stop();
    }
  }

  void forget(Connection connection) {
    connections.remove(connection);
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().name("toxiproxy-" + name + "-dial").start(() -> open(client, socket));
      } catch (IOException e) {
        // Closed by stop(), or a failed accept: the loop condition decides.
      }
    }
  }

  /** Dials the upstream for a new client; if that fails the client is simply closed. */
  private void open(Socket client, ServerSocket acceptedBy) {
    Socket server;
    try {
      server = SocketChannel.open().socket();
    } catch (IOException e) {
      closeQuietly(client);
      return;
    }
    try {
      dialSources.bindNext(server);
      server.connect(upstream().resolve(), UPSTREAM_CONNECT_TIMEOUT_MILLIS);
      Connection connection = new Connection(this, client, server, toxics);
      synchronized (this) {
        // The proxy may have gone down (or moved) while we were dialing.
        if (listener != acceptedBy) {
          throw new IOException("proxy stopped");
        }
        connections.add(connection);
      }
      connection.start(toxics);
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      closeQuietly(client);
    }
  }

  /**
   * Passes a change of the toxics on to every open connection, and waits until connections on the
   * pass-through loop have been handed to their threaded links, so that what is sent after the
   * change meets the new toxic.
   */
  private void toxicsChanged(Direction direction) {
    List<CompletableFuture<Void>> handOvers = new ArrayList<>();
    for (Connection connection : connections) {
      handOvers.add(connection.toxicsChanged(direction));
    }
    try {
      CompletableFuture.allOf(handOvers.toArray(CompletableFuture[]::new))
          .get(HAND_OVER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The loop is stuck or gone; the connections are handed over whenever it gets to them.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more to do for a socket we are abandoning.
    }
  }
}
