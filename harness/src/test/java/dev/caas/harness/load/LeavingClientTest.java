package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(seen.after()).isBetween(Duration.ofMillis(200), ANSWER_AFTER);
      assertThat(sample.endNanos() - sample.startNanos()).isGreaterThanOrEqualTo(200_000_000L);
    }
  }

  @Test
  void a_client_that_cannot_connect_is_a_transport_error_not_a_leaver() throws Exception {
    URI closed;
    try (var server = new WatchingServer()) {
      closed = server.url();
    }
    Sample sample =
        new LeavingClient(closed)
            .leave(0, System.nanoTime(), "/", LeavingClient.Close.FIN, Duration.ZERO);

    assertThat(sample.left()).isFalse();
    assertThat(sample.error()).isEqualTo("ConnectException");
  }

  /**
   * What the server saw of its one connection: the request head, then how the connection ended
   * ({@code FIN}, {@code RST}, or {@code answered} when the client was still there at {@link
   * #ANSWER_AFTER}), and how long after the request that was.
   */
  record Seen(String request, String end, Duration after) {}

  /** Accepts one connection, reads a request head, then waits to answer and watches the socket. */
  private static final class WatchingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final CompletableFuture<Seen> seen = new CompletableFuture<>();

    WatchingServer() throws IOException {
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
        connection.setSoTimeout((int) ANSWER_AFTER.toMillis());
        try {
          end = in.read() < 0 ? "FIN" : "more bytes";
        } catch (SocketTimeoutException stillThere) {
          connection
              .getOutputStream()
              .write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
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
