package dev.caas.upstream.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to one request. {@link #send} writes status line, headers and body in one write, so
 * the answer leaves in as few segments as TCP allows and nothing waits for an ACK in between; a
 * precomputed answer ({@link #head} plus body, built once) goes out with {@link #sendPrepared}.
 * {@link #startFixed} and {@link #startChunked} send the head first and let the handler stream the
 * body, for the faults that must trickle or must not announce a length.
 */
public final class Answer {
  private final OutputStream out;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private boolean sent;
  private final boolean closeAfter;

  Answer(OutputStream out, boolean keepAlive) {
    this.out = out;
    this.closeAfter = !keepAlive;
  }

  /**
   * Sets a header for this answer. The value goes out byte for byte, so a fault can send what a
   * careful server never would (a folded CR LF).
   */
  public Answer header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The whole answer, head and body, in one write. */
  public void send(int status, byte[] body) throws IOException {
    byte[] head = head(status, headers, "Content-Length: " + body.length, closeAfter);
    byte[] whole = new byte[head.length + body.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(body, 0, whole, head.length, body.length);
    sendPrepared(whole);
  }

  /** An answer built beforehand with {@link #head} and its body: one write, no copying. */
  public void sendPrepared(byte[] headAndBody) throws IOException {
    markSent();
    out.write(headAndBody);
    out.flush();
  }

  /** Sends the head now; the caller writes exactly {@code length} bytes to the stream returned. */
  public OutputStream startFixed(int status, long length) throws IOException {
    markSent();
    out.write(head(status, headers, "Content-Length: " + length, closeAfter));
    out.flush();
    return new ExactLengthBody(out, length);
  }

  /**
   * Sends the head now with {@code Transfer-Encoding: chunked}; each write to the stream returned
   * is one chunk, and closing it sends the last chunk.
   */
  public OutputStream startChunked(int status) throws IOException {
    markSent();
    out.write(head(status, headers, "Transfer-Encoding: chunked", closeAfter));
    return new ChunkedBody(out);
  }

  /** A 204: no body, no length. */
  public void sendNoContent() throws IOException {
    markSent();
    out.write(head(204, headers, null, closeAfter));
    out.flush();
  }

  boolean sent() {
    return sent;
  }

  /** Whether the connection must close after this answer. */
  boolean closesConnection() {
    return closeAfter;
  }

  private void markSent() {
    if (sent) {
      throw new IllegalStateException("this request was already answered");
    }
    sent = true;
  }

  /**
   * The bytes of a status line and headers, ending with the blank line. {@code framing} is the
   * {@code Content-Length} or {@code Transfer-Encoding} line, or null for none.
   */
  public static byte[] head(
      int status, Map<String, String> headers, String framing, boolean closeAfter) {
    var text = new StringBuilder(256);
    text.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    if (framing != null) {
      text.append(framing).append("\r\n");
    }
    if (closeAfter) {
      text.append("Connection: close\r\n");
    }
    text.append("\r\n");
    // ISO-8859-1 maps each char to one byte, so a header value goes out exactly as given.
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      default -> "Status";
    };
  }

  /**
   * A body written onto the connection's stream, which stays open for the next answer: closing the
   * body only finishes it.
   */
  private abstract static class BodyStream extends OutputStream {
    final OutputStream out;

    BodyStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Lets the handler write the announced length and no more. */
  private static final class ExactLengthBody extends BodyStream {
    private long remaining;

    ExactLengthBody(OutputStream out, long length) {
      super(out);
      this.remaining = length;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length > remaining) {
        throw new IOException("body longer than its Content-Length");
      }
      out.write(bytes, offset, length);
      remaining -= length;
    }
  }

  /** Frames every write as one chunk; {@link #close} sends the zero-length last chunk. */
  private static final class ChunkedBody extends BodyStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    ChunkedBody(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return; // a zero-length chunk would end the body
      }
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, offset, length);
      out.write(CRLF);
    }

    @Override
    public void close() throws IOException {
      out.write(LAST_CHUNK);
      out.flush();
    }
  }
}
