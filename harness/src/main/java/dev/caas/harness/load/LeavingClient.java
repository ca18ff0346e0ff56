package dev.caas.harness.load;

import dev.caas.contract.DogHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A client that leaves before its answer: it opens a connection of its own, sends {@code GET path}
 * and, at once or after a while, closes the connection without reading a byte. It cannot use {@link
 * RequestClient}, whose pooled connections are the harness's to keep; a plain socket is the one way
 * to say exactly how the connection ends.
 *
 * <p>The variant then holds a request whose client is gone. The contract says it must not bill it:
 * a photo counts when it is delivered, and this one never is. Unless it already was: a client that
 * leaves halfway through a typical answer's time may find the whole answer already in its socket
 * (on a loaded machine answers vary), and then it did receive the photo. What had arrived when it
 * left is read without waiting, and a whole answer is its sample, a photo delivered like any other.
 */
public final class LeavingClient {
  /** The start of a {@link Sample#error()} of a request whose client left. */
  public static final String LEFT = "left before the answer";

  /** How the connection ends. */
  public enum Close {
    /** An orderly close: FIN, after which the client's kernel resets anything that still comes. */
    FIN,
    /** An abortive close ({@code SO_LINGER 0}): RST at once, unsent data dropped. */
    RST
  }

  private final URI base;

  /**
   * @param base the variant, e.g. {@code http://127.0.0.1:41234}
   */
  public LeavingClient(URI base) {
    this.base = base;
  }

  /**
   * Sends {@code GET path} on a new connection, waits {@code after}, then closes it as {@code
   * close} says. Blocks for the whole time: call it on a thread that may block.
   *
   * @return the request as a sample with times from {@code runStartNanos}: status 0 and the error
   *     {@code left before the answer (FIN)}; the answer itself when it had arrived whole before
   *     the client left; or the transport error when the request could not be sent
   */
  public Sample leave(int index, long runStartNanos, String path, Close close, Duration after) {
    return leaveWhile(() -> true, index, runStartNanos, path, close, after).orElseThrow();
  }

  /**
   * The same, as long as {@code stillLeaving} says so once the connection is open: a client that
   * decided to leave (while a fault lasted) may reach the variant only after the reason is gone
   * (connecting took a while on a loaded machine), and then it must not leave. It is asked after
   * the request's start is taken and before the request is written, so a request that is written
   * started while {@code stillLeaving} still held.
   *
   * @return the sample, as {@link #leave} says; empty when {@code stillLeaving} said no, and then
   *     nothing was sent (the connection was opened and closed)
   */
  public Optional<Sample> leaveWhile(
      BooleanSupplier stillLeaving,
      int index,
      long runStartNanos,
      String path,
      Close close,
      Duration after) {
    long issued = System.nanoTime();
    long sent = issued;
    String error;
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n\r\n";
      sent = System.nanoTime();
      if (!stillLeaving.getAsBoolean()) {
        return Optional.empty();
      }
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      if (after.isPositive()) {
        Thread.sleep(after);
      }
      Answer arrived = Answer.of(alreadyArrived(socket.getInputStream()));
      if (arrived.whole()) {
        return Optional.of(
            new Sample(
                index,
                issued - runStartNanos,
                sent - runStartNanos,
                System.nanoTime() - runStartNanos,
                arrived.status(),
                arrived.bodyBytes(),
                arrived.header(DogHeaders.X_FILENAME),
                arrived.header(DogHeaders.SERVER_TIMING),
                null));
      }
      if (close == Close.RST) {
        socket.setSoLinger(true, 0);
      }
      error = LEFT + " (" + close + ")";
    } catch (IOException e) {
      error = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    long end = System.nanoTime();
    return Optional.of(
        new Sample(
            index,
            issued - runStartNanos,
            sent - runStartNanos,
            end - runStartNanos,
            0,
            0,
            null,
            null,
            error));
  }

  /** The bytes already in the socket's receive buffer, read without waiting for more. */
  private static byte[] alreadyArrived(InputStream in) throws IOException {
    var arrived = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int available;
    while ((available = in.available()) > 0) {
      int read = in.read(buffer, 0, Math.min(available, buffer.length));
      if (read < 0) {
        break;
      }
      arrived.write(buffer, 0, read);
    }
    return arrived.toByteArray();
  }

  /**
   * What of an HTTP/1.1 answer had arrived: its head, if whole, and whether the body is whole too
   * (as long as {@code Content-Length} says, or ended by a chunked body's last chunk).
   */
  record Answer(int status, Map<String, String> headers, long bodyBytes, boolean whole) {
    private static final Answer NOTHING = new Answer(0, Map.of(), 0, false);

    static Answer of(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
        return NOTHING;
      }
      String[] lines = text.substring(0, headEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].substring(9, 12));
      var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
      }
      long body = bytes.length - (headEnd + 4L);
      String length = headers.get("Content-Length");
      boolean whole =
          length != null
              ? body >= Long.parseLong(length)
              : "chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))
                  && text.endsWith("0\r\n\r\n");
      return new Answer(status, headers, body, whole);
    }

    String header(String name) {
      return headers.get(name);
    }
  }
}
