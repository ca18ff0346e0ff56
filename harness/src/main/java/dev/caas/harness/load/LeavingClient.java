package dev.caas.harness.load;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that leaves before its answer: it opens a connection of its own, sends {@code GET path}
 * and, at once or after a while, closes the connection without reading a byte. It cannot use {@link
 * RequestClient}, whose pooled connections are the harness's to keep; a plain socket is the one way
 * to say exactly how the connection ends.
 *
 * <p>The variant then holds a request whose client is gone. The contract says it must not bill it:
 * a photo counts when it is delivered, and this one never is.
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
   *     {@code left before the answer (FIN)}, or the transport error when the request could not be
   *     sent
   */
  public Sample leave(int index, long runStartNanos, String path, Close close, Duration after) {
    long issued = System.nanoTime();
    long sent = issued;
    String error;
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      sent = System.nanoTime();
      if (after.isPositive()) {
        Thread.sleep(after);
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
    return new Sample(
        index,
        issued - runStartNanos,
        sent - runStartNanos,
        end - runStartNanos,
        0,
        0,
        null,
        null,
        error);
  }
}
