package dev.caas.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@code GET /dog}: the next photo of the seeded sequence, answered the way the current {@link
 * UpstreamFault} says. {@code GET /dog/{filename}}: that photo, always truthfully, or 404.
 */
final class PhotoHandler implements HttpHandler {
  /**
   * What {@link UpstreamFault#OVERSIZED} sends: ten times the contract's cap, so no client can miss
   * it.
   */
  static final long OVERSIZED_BYTES = 20L * 1024 * 1024;

  /** How long {@link UpstreamFault#SLOW_DRIP} takes over one photo. */
  static final Duration DRIP_DURATION = Duration.ofSeconds(5);

  /** Pieces of a dripped photo: a couple of hundred bytes every 20 ms, never a long silence. */
  private static final int DRIP_PIECES = 250;

  private static final byte[] ZEROS = new byte[64 * 1024];
  private static final byte[] NOT_A_DOG_HTML =
      """
      <!doctype html>
      <html><head><title>Service Unavailable</title></head>
      <body><h1>Service Unavailable</h1><p>The dogs are out for a walk.</p></body></html>
      """
          .getBytes(StandardCharsets.UTF_8);

  private final DogPhotos photos;
  private final PhotoSequence sequence;
  private final Supplier<UpstreamFault> currentFault;
  private final LongAdder requestsServed = new LongAdder();

  PhotoHandler(DogPhotos photos, PhotoSequence sequence, Supplier<UpstreamFault> currentFault) {
    this.photos = photos;
    this.sequence = sequence;
    this.currentFault = currentFault;
  }

  long requestsServed() {
    return requestsServed.sum();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rest = exchange.getRequestURI().getPath().substring(DogPaths.DOG.length());
      if (!rest.isEmpty() && !rest.startsWith("/")) { // the context also matches "/doghouse"
        PlainText.send(exchange, 404, "not found");
      } else if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        PlainText.send(exchange, 405, "only GET");
      } else if (rest.isEmpty() || rest.equals("/")) {
        requestsServed.increment();
        serveNext(exchange);
      } else {
        requestsServed.increment();
        serveNamed(exchange, rest.substring(1));
      }
    }
  }

  private void serveNext(HttpExchange exchange) throws IOException {
    String filename = sequence.next();
    byte[] jpeg = photos.jpeg(filename);
    UpstreamFault fault = currentFault.get();
    String filenameHeader = fault.filenameHeader(filename);
    switch (fault) {
      case NOT_JPEG -> send(exchange, "text/html; charset=utf-8", filenameHeader, NOT_A_DOG_HTML);
      case OVERSIZED -> sendOversized(exchange, filenameHeader, jpeg);
      case SLOW_DRIP -> sendSlowly(exchange, filenameHeader, jpeg);
      case NONE,
          MISSING_FILENAME,
          QUOTED_FILENAME,
          CRLF_FILENAME,
          TRAVERSAL_FILENAME,
          SQL_FILENAME,
          UNKNOWN_FILENAME ->
          send(exchange, DogHeaders.IMAGE_JPEG, filenameHeader, jpeg);
    }
  }

  private void serveNamed(HttpExchange exchange, String filename) throws IOException {
    if (!photos.contains(filename)) {
      PlainText.send(exchange, 404, "no photo named " + filename);
      return;
    }
    send(exchange, DogHeaders.IMAGE_JPEG, filename, photos.jpeg(filename));
  }

  private static void send(
      HttpExchange exchange, String contentType, String filenameHeader, byte[] body)
      throws IOException {
    startResponse(exchange, contentType, filenameHeader, body.length);
    exchange.getResponseBody().write(body);
  }

  /** Chunked (length 0 to the JDK server), so the size is only discovered by reading. */
  private static void sendOversized(HttpExchange exchange, String filenameHeader, byte[] jpeg)
      throws IOException {
    startResponse(exchange, DogHeaders.IMAGE_JPEG, filenameHeader, 0);
    OutputStream body = exchange.getResponseBody();
    body.write(jpeg);
    for (long sent = jpeg.length; sent < OVERSIZED_BYTES; sent += ZEROS.length) {
      body.write(ZEROS, 0, (int) Math.min(ZEROS.length, OVERSIZED_BYTES - sent));
    }
  }

  /**
   * The headers at once, then the body in pieces, each flushed so it leaves now rather than with
   * the next.
   */
  private static void sendSlowly(HttpExchange exchange, String filenameHeader, byte[] jpeg)
      throws IOException {
    startResponse(exchange, DogHeaders.IMAGE_JPEG, filenameHeader, jpeg.length);
    OutputStream body = exchange.getResponseBody();
    int pieceSize = Math.ceilDiv(jpeg.length, DRIP_PIECES);
    Duration pause = DRIP_DURATION.dividedBy(DRIP_PIECES);
    for (int offset = 0; offset < jpeg.length; offset += pieceSize) {
      if (offset > 0) {
        pauseFor(pause);
      }
      body.write(jpeg, offset, Math.min(pieceSize, jpeg.length - offset));
      body.flush();
    }
  }

  private static void startResponse(
      HttpExchange exchange, String contentType, String filenameHeader, long contentLength)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    if (filenameHeader != null) {
      headers.set(DogHeaders.X_FILENAME, filenameHeader);
    }
    exchange.sendResponseHeaders(200, contentLength);
  }

  private static void pauseFor(Duration pause) throws InterruptedIOException {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the upstream is closing: abandon the answer
      throw new InterruptedIOException("upstream closing during a slow drip");
    }
  }
}
