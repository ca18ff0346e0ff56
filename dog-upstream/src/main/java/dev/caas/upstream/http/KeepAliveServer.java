package dev.caas.upstream.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server: one virtual thread per connection, which reads a request, lets the
 * {@link Handler} answer it and reads the next on the same connection. Nothing else runs per
 * request: no selector hand-off between a dispatcher and a worker, no thread pool queue, and each
 * ordinary answer leaves in one write ({@link Answer#send}). That is all the upstream needs, and it
 * keeps the upstream's own cost per request small enough not to be what a benchmark measures.
 *
 * <p>It understands what the upstream's clients send: a request line, headers, and an optional body
 * with {@code Content-Length}, which is skipped. A chunked request body is answered with 501 and
 * the connection closed.
 */
public final class KeepAliveServer implements AutoCloseable {
  /** Longest request head accepted; the upstream's requests are a few hundred bytes. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  /** Small on purpose: thousands of idle kept-alive connections each hold one. */
  private static final int READ_BUFFER_BYTES = 2 * 1024;

  private static final int WRITE_BUFFER_BYTES = 8 * 1024;

  private final ServerSocket listener;
  private final Handler handler;
  private final ExecutorService connectionThreads;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private KeepAliveServer(ServerSocket listener, Handler handler, String threadName) {
    this.listener = listener;
    this.handler = handler;
    this.connectionThreads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadName + "-", 0).factory());
    this.acceptor = Thread.ofVirtual().name(threadName + "-accept").start(this::acceptLoop);
  }

  /** Binds {@code address} (port 0 picks one) with the given backlog and starts serving. */
  public static KeepAliveServer start(
      InetSocketAddress address, int backlog, Handler handler, String threadName)
      throws IOException {
    var listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(address, backlog);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    return new KeepAliveServer(listener, handler, threadName);
  }

  /** The address bound, with its real port. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        connectionThreads.execute(() -> serve(socket));
      } catch (IOException | RejectedExecutionException e) {
        // Closed by close(), or one failed accept: the loop condition decides.
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      // Without TCP_NODELAY a streamed answer's second write could wait for a delayed ACK.
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES);
      for (RequestHead request; (request = readHead(in, out)) != null; ) {
        in.skipNBytes(request.bodyLength());
        var answer = new Answer(out, request.keepAlive());
        handler.handle(request, answer);
        out.flush();
        if (!answer.sent()) {
          throw new IllegalStateException("handler answered nothing for " + request.path());
        }
        if (answer.closesConnection()) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // A client gone, a server closing, or a handler failing: this connection is over.
    } finally {
      connections.remove(socket);
    }
  }

  /** The next request's head, or null once the client closed or sent something unreadable. */
  private static RequestHead readHead(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in, MAX_HEAD_BYTES);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      return null;
    }
    boolean http11 = parts[2].equals("HTTP/1.1");
    long bodyLength = 0;
    String connection = "";
    boolean chunked = false;
    int headBytes = requestLine.length();
    for (String line; !(line = readLine(in, MAX_HEAD_BYTES)).isEmpty(); ) {
      headBytes += line.length() + 2;
      if (headBytes > MAX_HEAD_BYTES) {
        new Answer(out, false).send(431, new byte[0]);
        return null;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> bodyLength = Long.parseLong(value);
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "transfer-encoding" -> chunked = true;
        default -> {}
      }
    }
    if (chunked) {
      new Answer(out, false).send(501, "chunked request bodies".getBytes(StandardCharsets.UTF_8));
      return null;
    }
    String target = parts[1];
    int query = target.indexOf('?');
    String path = query >= 0 ? target.substring(0, query) : target;
    boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
    return new RequestHead(parts[0], path, bodyLength, keepAlive);
  }

  /** A line without its CR LF; null at the end of the stream before any byte. */
  private static String readLine(InputStream in, int limit) throws IOException {
    var line = new StringBuilder(64);
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() >= limit) {
        throw new IOException("request line longer than " + limit + " bytes");
      }
      line.append((char) b);
    }
    if (line.isEmpty()) {
      return null;
    }
    throw new IOException("connection closed in the middle of a line");
  }

  /**
   * Stops accepting, closes every connection (so a handler writing fails at once) and interrupts
   * handlers that wait, e.g. between the pieces of a slow drip.
   */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // The accept loop ends either way.
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException e) {
        // Best effort: the socket is unusable either way.
      }
    }
    connectionThreads.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      connectionThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
