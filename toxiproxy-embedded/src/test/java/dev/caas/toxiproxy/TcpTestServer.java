package dev.caas.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real TCP server on loopback for proxies to point at; each client is served on a virtual thread.
 */
final class TcpTestServer implements AutoCloseable {

  @FunctionalInterface
  interface Handler {
    void serve(Socket client) throws IOException;
  }

  private final ServerSocket listener;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

  private TcpTestServer(Handler handler) throws IOException {
    listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!listener.isClosed()) {
                try {
                  Socket client = listener.accept();
                  client.setTcpNoDelay(true);
                  clients.add(client);
                  Thread.ofVirtual()
                      .start(
                          () -> {
                            try (client) {
                              handler.serve(client);
                            } catch (IOException e) {
                              // The client went away; nothing to serve.
                            } finally {
                              clients.remove(client);
                            }
                          });
                } catch (IOException e) {
                  // Closed.
                }
              }
            });
  }

  /** Tells each client the address it came from, on one line, then closes. */
  static TcpTestServer tellingPeerAddress() throws IOException {
    return new TcpTestServer(
        client ->
            client
                .getOutputStream()
                .write((client.getInetAddress().getHostAddress() + "\n").getBytes()));
  }

  /** Sends back whatever arrives; closes when the client finishes sending. */
  static TcpTestServer echo() throws IOException {
    return new TcpTestServer(TcpTestServer::echo);
  }

  /** Greets each client first, then echoes. Shows which direction a toxic delays. */
  static TcpTestServer greetingThenEcho(String greeting) throws IOException {
    return new TcpTestServer(
        client -> {
          client.getOutputStream().write(greeting.getBytes());
          echo(client);
        });
  }

  /** Sends {@code payload} and closes the connection right away. */
  static TcpTestServer sendThenClose(String payload) throws IOException {
    return new TcpTestServer(client -> client.getOutputStream().write(payload.getBytes()));
  }

  int port() {
    return listener.getLocalPort();
  }

  String address() {
    return "127.0.0.1:" + port();
  }

  private static void echo(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
