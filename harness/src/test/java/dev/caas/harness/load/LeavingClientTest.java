package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The leaving client against a slow local server that would answer after a second and watches its
 * connection meanwhile: it must see the request, then the client's FIN or RST, before it answers.
 */
class LeavingClientTest {
  private static final Duration ANSWER_AFTER = Duration.ofSeconds(1);

  @Test
  void an_orderly_leaver_sends_its_request_then_a_fin_before_the_answer() throws Exception {
    try (var server = new WatchingServer()) {
      Sample sample =
          new LeavingClient(server.url())
              .leave(7, System.nanoTime(), "/", LeavingClient.Close.FIN, Duration.ZERO);

      Seen seen = server.seen();
      assertThat(seen.request()).startsWith("GET / HTTP/1.1\r\nHost: 127.0.0.1:");
      assertThat(seen.end()).isEqualTo("FIN");
      assertThat(seen.after()).isLessThan(ANSWER_AFTER.dividedBy(2));
      assertThat(sample.left()).isTrue();
      assertThat(sample.ok()).isFalse();
      assertThat(sample.index()).isEqualTo(7);
      assertThat(sample.error()).isEqualTo("left before the answer (FIN)");
    }
  }

  @Test
  void a_resetting_leaver_sends_its_request_then_a_rst_before_the_answer() throws Exception {
    try (var server = new WatchingServer()) {
      Sample sample =
          new LeavingClient(server.url())
              .leave(0, System.nanoTime(), "/", LeavingClient.Close.RST, Duration.ZERO);

      Seen seen = server.seen();
      assertThat(seen.request()).startsWith("GET / HTTP/1.1");
      assertThat(seen.end()).isEqualTo("RST");
      assertThat(seen.after()).isLessThan(ANSWER_AFTER.dividedBy(2));
      assertThat(sample.error()).isEqualTo("left before the answer (RST)");
    }
  }

  @Test
  void a_leaver_mid_answer_stays_that_long_and_still_leaves_before_the_answer() throws Exception {
    try (var server = new WatchingServer()) {
      Sample sample =
          new LeavingClient(server.url())
              .leave(0, System.nanoTime(), "/", LeavingClient.Close.FIN, Duration.ofMillis(200));

      Seen seen = server.seen();
      assertThat(seen.end()).isEqualTo("FIN");
      // The server starts its clock when it has read the request, a moment after the client started
      // its 200 ms: it sees a little less. The client's own sample holds the exact bound.
      assertThat(seen.after()).isBetween(Duration.ofMillis(150), ANSWER_AFTER);
      assertThat(sample.endNanos() - sample.startNanos()).isGreaterThanOrEqualTo(200_000_000L);
    }
  }

  @Test
  void a_leaver_whose_whole_answer_came_before_it_left_has_had_its_photo() throws Exception {
    try (var server = new WatchingServer(Duration.ofMillis(50))) {
      Sample sample =
          new LeavingClient(server.url())
              .leave(3, System.nanoTime(), "/", LeavingClient.Close.RST, Duration.ofMillis(500));

      assertThat(server.seen().end()).isEqualTo("answered");
      assertThat(sample.left()).isFalse();
      assertThat(sample.ok()).isTrue();
      assertThat(sample.filename()).isEqualTo("dog-1.jpg");
      assertThat(sample.bytes()).isEqualTo(5);
    }
  }

  @Test
  void a_client_whose_reason_to_leave_is_gone_once_connected_sends_nothing() throws Exception {
    try (var server = new WatchingServer()) {
      var left =
          new LeavingClient(server.url())
              .leaveWhile(
                  () -> false, 0, System.nanoTime(), "/", LeavingClient.Close.FIN, Duration.ZERO);

      assertThat(left).isEmpty();
      assertThatThrownBy(server::seen)
          .hasRootCauseInstanceOf(IOException.class)
          .rootCause()
          .hasMessage("closed before the request was whole: ");
    }
  }

  @Test
  void a_client_that_cannot_connect_is_a_transport_error_not_a_leaver() throws Exception {
    // Port 0 takes no connections: a port freed a moment ago may already be someone else's.
    URI closed = URI.create("http://127.0.0.1:0");
    Sample sample =
        new LeavingClient(closed)
            .leave(0, System.nanoTime(), "/", LeavingClient.Close.FIN, Duration.ZERO);

    assertThat(sample.left()).isFalse();
    assertThat(sample.status()).isZero();
    assertThat(sample.error()).isEqualTo("ConnectException");
  }

  /**
   * What the server saw of its one connection: the request head, then how the connection ended
   * ({@code FIN}, {@code RST}, or {@code answered} when the client was still there when the answer
   * was due), and how long after the request that was.
   */
  record Seen(String request, String end, Duration after) {}

  /**
   * Accepts one connection, reads a request head, then waits to answer (after {@link #ANSWER_AFTER}
   * unless told otherwise) and watches the socket meanwhile.
   */
  private static final class WatchingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Duration answerAfter;
    private final CompletableFuture<Seen> seen = new CompletableFuture<>();

    WatchingServer() throws IOException {
      this(ANSWER_AFTER);
    }

    WatchingServer(Duration answerAfter) throws IOException {
      this.answerAfter = answerAfter;
      socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::serveOne);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    Seen seen() throws Exception {
      return seen.get(10, TimeUnit.SECONDS);
    }

    private void serveOne() {
      try (var connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("closed before the request was whole: " + head);
          }
          head.write(b);
        }
        long requested = System.nanoTime();
        String end;
        connection.setSoTimeout((int) answerAfter.toMillis());
        try {
          end = in.read() < 0 ? "FIN" : "more bytes";
        } catch (SocketTimeoutException stillThere) {
          connection
              .getOutputStream()
              .write(
                  "HTTP/1.1 200 OK\r\nX-Filename: dog-1.jpg\r\nContent-Length: 5\r\n\r\nwoof!"
                      .getBytes(StandardCharsets.US_ASCII));
          end = "answered";
        } catch (SocketException reset) {
          end = "RST";
        }
        seen.complete(
            new Seen(
                head.toString(StandardCharsets.US_ASCII),
                end,
                Duration.ofNanos(System.nanoTime() - requested)));
      } catch (IOException e) {
        seen.completeExceptionally(e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
