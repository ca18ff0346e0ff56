package dev.caas.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An upstream that answers exactly the bytes a test asks for, written on a raw socket: a good
 * photo, at once or late, or an answer no well-behaved HTTP server would send (the testbed's
 * upstream is built on a real HTTP server, which cannot send a malformed head). Each answer closes
 * its connection.
 */
public final class HostileUpstream implements AutoCloseable {
  /** What the upstream answers. */
  public enum Answer {
    /** The photo, labelled as it should be. */
    PHOTO,
    /** An HTML page with a script, labelled {@code image/jpeg}, with a true filename. */
    HTML_LABELLED_JPEG,
    /** The photo's answer with header bytes before its status line. */
    HEADER_BEFORE_STATUS_LINE
  }

  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final String filename;
  private final byte[] photo;
  private volatile Answer answer = Answer.PHOTO;
  private volatile Duration delay = Duration.ZERO;

  private HostileUpstream(ServerSocket server, String filename, byte[] photo) {
    this.server = server;
    this.filename = filename;
    this.photo = photo;
  }

  /** Starts answering on a free loopback port; the photo is served under {@code filename}. */
  public static HostileUpstream start(String filename, byte[] photo) throws IOException {
    var upstream =
        new HostileUpstream(
            new ServerSocket(0, 1_000, InetAddress.getLoopbackAddress()), filename, photo);
    Thread.ofVirtual().name("hostile-upstream").start(upstream::acceptAll);
    return upstream;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, answers {@code what}, after {@code after}. */
  public void answer(Answer what, Duration after) {
    this.answer = what;
    this.delay = after;
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket connection = server.accept();
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      readHead(connection.getInputStream());
      Thread.sleep(delay);
      connection.getOutputStream().write(bytesOf(answer));
      connection.getOutputStream().flush();
    } catch (IOException | InterruptedException e) {
      // the client left, or the test ended: nothing to answer
    }
  }

  private byte[] bytesOf(Answer what) {
    return switch (what) {
      case PHOTO -> answer("", "image/jpeg", photo);
      case HTML_LABELLED_JPEG ->
          answer(
              "",
              "image/jpeg",
              "<html><script>alert(document.cookie)</script></html>"
                  .getBytes(StandardCharsets.US_ASCII));
      case HEADER_BEFORE_STATUS_LINE -> answer("X-Early: header\r\n", "image/jpeg", photo);
    };
  }

  private byte[] answer(String beforeStatusLine, String contentType, byte[] body) {
    String head =
        beforeStatusLine
            + "HTTP/1.1 200 OK\r\n"
            + "Content-Type: "
            + contentType
            + "\r\nX-Filename: "
            + filename
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /** Reads up to the blank line that ends a request's head. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    for (int read = 0; read < MAX_HEAD && matched < 4; read++) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended before its head");
      }
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
