package dev.caas.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the upstream that counts the connections clients open, so a test can see
 * whether a client's requests shared one kept-alive connection or each opened their own.
 */
final class ConnectionCountingRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicInteger connectionsAccepted = new AtomicInteger();
  private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

  ConnectionCountingRelay(URI target) throws IOException {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("relay-accept").start(this::acceptForever);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  int connectionsAccepted() {
    return connectionsAccepted.get();
  }

  private void acceptForever() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connectionsAccepted.incrementAndGet();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        client.setTcpNoDelay(true); // relay each write at once, as the upstream itself does
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        return; // the listener was closed
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side went away; closing both (by try-with-resources) ends the other pump too
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
