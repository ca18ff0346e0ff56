package dev.caas.upstream;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.upstream.http.Answer;
import dev.caas.upstream.http.Handler;
import dev.caas.upstream.http.RequestHead;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@code GET /dog}: the next photo of the seeded sequence, answered the way the current {@link
 * UpstreamFault} says. {@code GET /dog/{filename}}: that photo, always truthfully, or 404. A true
 * answer is precomputed per photo (head and body in one array), so serving it is one write.
 */
final class PhotoHandler implements Handler {
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

  /** The whole kept-alive answer for each photo: status line, headers and JPEG. */
  private final Map<String, byte[]> trueAnswers = new HashMap<>();

  PhotoHandler(DogPhotos photos, PhotoSequence sequence, Supplier<UpstreamFault> currentFault) {
    this.photos = photos;
    this.sequence = sequence;
    this.currentFault = currentFault;
    for (String filename : photos.filenames()) {
      trueAnswers.put(filename, prepare(filename, photos.jpeg(filename)));
    }
  }

  private static byte[] prepare(String filename, byte[] jpeg) {
    byte[] head =
        Answer.head(
            200,
            Map.of("Content-Type", DogHeaders.IMAGE_JPEG, DogHeaders.X_FILENAME, filename),
            "Content-Length: " + jpeg.length,
            false);
    byte[] whole = new byte[head.length + jpeg.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(jpeg, 0, whole, head.length, jpeg.length);
    return whole;
  }

  long requestsServed() {
    return requestsServed.sum();
  }

  @Override
  public void handle(RequestHead request, Answer answer) throws IOException {
    String rest = request.path().substring(DogPaths.DOG.length());
    if (!rest.isEmpty() && !rest.startsWith("/")) { // the prefix also matches "/doghouse"
      PlainText.send(answer, 404, "not found");
    } else if (!request.method().equals("GET")) {
      answer.header("Allow", "GET");
      PlainText.send(answer, 405, "only GET");
    } else if (rest.isEmpty() || rest.equals("/")) {
      requestsServed.increment();
      serveNext(request, answer);
    } else {
      requestsServed.increment();
      serveNamed(request, answer, rest.substring(1));
    }
  }

  private void serveNext(RequestHead request, Answer answer) throws IOException {
    String filename = sequence.next();
    byte[] jpeg = photos.jpeg(filename);
    UpstreamFault fault = currentFault.get();
    String filenameHeader = fault.filenameHeader(filename);
    switch (fault) {
      case NONE -> sendTrue(request, answer, filename);
      case NOT_JPEG -> send(answer, "text/html; charset=utf-8", filenameHeader, NOT_A_DOG_HTML);
      case OVERSIZED -> sendOversized(answer, filenameHeader, jpeg);
      case SLOW_DRIP -> sendSlowly(answer, filenameHeader, jpeg);
      case MISSING_FILENAME,
          QUOTED_FILENAME,
          CRLF_FILENAME,
          TRAVERSAL_FILENAME,
          SQL_FILENAME,
          UNKNOWN_FILENAME ->
          send(answer, DogHeaders.IMAGE_JPEG, filenameHeader, jpeg);
    }
  }

  private void serveNamed(RequestHead request, Answer answer, String filename) throws IOException {
    if (!photos.contains(filename)) {
      PlainText.send(answer, 404, "no photo named " + filename);
      return;
    }
    sendTrue(request, answer, filename);
  }

  /** The photo with its true name: the precomputed answer, unless the client wants to close. */
  private void sendTrue(RequestHead request, Answer answer, String filename) throws IOException {
    if (request.keepAlive()) {
      answer.sendPrepared(trueAnswers.get(filename));
    } else {
      send(answer, DogHeaders.IMAGE_JPEG, filename, photos.jpeg(filename));
    }
  }

  private static void send(Answer answer, String contentType, String filenameHeader, byte[] body)
      throws IOException {
    withHeaders(answer, contentType, filenameHeader).send(200, body);
  }

  /** Chunked, so the size is only discovered by reading. */
  private static void sendOversized(Answer answer, String filenameHeader, byte[] jpeg)
      throws IOException {
    try (OutputStream body =
        withHeaders(answer, DogHeaders.IMAGE_JPEG, filenameHeader).startChunked(200)) {
      body.write(jpeg);
      for (long sent = jpeg.length; sent < OVERSIZED_BYTES; sent += ZEROS.length) {
        body.write(ZEROS, 0, (int) Math.min(ZEROS.length, OVERSIZED_BYTES - sent));
      }
    }
  }

  /**
   * The headers at once, then the body in pieces, each flushed so it leaves now rather than with
   * the next.
   */
  private static void sendSlowly(Answer answer, String filenameHeader, byte[] jpeg)
      throws IOException {
    OutputStream body =
        withHeaders(answer, DogHeaders.IMAGE_JPEG, filenameHeader).startFixed(200, jpeg.length);
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

  private static Answer withHeaders(Answer answer, String contentType, String filenameHeader) {
    answer.header("Content-Type", contentType);
    if (filenameHeader != null) {
      answer.header(DogHeaders.X_FILENAME, filenameHeader);
    }
    return answer;
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
