package dev.caas.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection to a variant, for requests no HTTP client would send: bytes as written, a
 * request dripped byte by byte, a client that leaves without reading its answer.
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;

  private RawConnection(Socket socket) {
    this.socket = socket;
  }

  public static RawConnection open(URI base) throws IOException {
    return new RawConnection(new Socket(base.getHost(), base.getPort()));
  }

  /** Sends text as US-ASCII bytes. */
  public RawConnection send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return this;
  }

  /**
   * The answer's head (status line and headers) as text, or {@code null} if the server closed the
   * connection without answering.
   */
  public String readHead(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    InputStream in = socket.getInputStream();
    var head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.US_ASCII);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Whether the server closed the connection within {@code within} (reading and dropping bytes).
   */
  public boolean closedByServerWithin(Duration within) throws IOException {
    long giveUp = System.nanoTime() + within.toNanos();
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < giveUp) {
      socket.setSoTimeout((int) Math.max(1, (giveUp - System.nanoTime()) / 1_000_000));
      try {
        if (in.read(new byte[8192]) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  /** Closes at once with a reset (RST) instead of the orderly close (FIN) of {@link #close}. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
