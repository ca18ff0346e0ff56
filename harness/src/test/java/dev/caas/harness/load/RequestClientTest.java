package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's connection handling, which the loops' tests take for granted: timeouts (on the wire
 * and in line for a connection), keep-alive reuse, and a server that closes after answering.
 */
class RequestClientTest {
  private HttpServer server;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/fast", exchange -> answer(exchange, Duration.ZERO, false));
    server.createContext("/slow", exchange -> answer(exchange, Duration.ofMillis(500), false));
    server.createContext("/closing", exchange -> answer(exchange, Duration.ZERO, true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange, Duration delay, boolean close) throws IOException {
    clientPorts.add(exchange.getRemoteAddress().getPort());
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body = new byte[100];
    if (close) {
      exchange.getResponseHeaders().add("Connection", "close");
    }
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void an_answer_later_than_the_timeout_is_an_error_named_timeout_and_the_next_request_is_served()
      throws Exception {
    try (var client = new RequestClient(url(), 1, Duration.ofMillis(150))) {

      Exchange late = client.fetch("/slow").get();
      Exchange next = client.fetch("/fast").get();

      assertThat(late.status()).isZero();
      assertThat(late.error()).isEqualTo("timeout");
      assertThat(Duration.ofNanos(late.endNanos() - late.issuedNanos()))
          .isBetween(Duration.ofMillis(140), Duration.ofMillis(450));
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.bytes()).isEqualTo(100);
    }
  }

  @Test
  void a_request_still_waiting_for_a_connection_when_its_time_is_up_times_out_unsent()
      throws Exception {
    try (var client = new RequestClient(url(), 1, Duration.ofMillis(300))) {

      CompletableFuture<Exchange> first = client.fetch("/slow");
      Exchange queued = client.fetch("/fast").get();
      Exchange slow = first.get();

      // The first frees the connection when its time is up, which is the queued one's time too
      // only if the two were issued together: a thread descheduled between them (a loaded CI
      // machine) gives the queued one time enough to be sent and answered.
      assumeTrue(
          queued.issuedNanos() - slow.issuedNanos() < Call.TOO_LATE_TO_SEND.toNanos(),
          "the two requests were not issued within a millisecond of each other");
      assertThat(queued.error()).isEqualTo("timeout");
      assertThat(queued.sentNanos()).isEqualTo(queued.issuedNanos());
      assertThat(slow.error()).isEqualTo("timeout");
    }
  }

  @Test
  void a_closed_loop_reuses_one_kept_alive_connection_per_client() throws Exception {
    try (var client = new RequestClient(url(), 4, Duration.ofSeconds(10))) {

      List<Sample> samples = new ClosedLoop(4, 200).run(client, "/fast", done -> {});

      assertThat(samples).hasSize(200).allMatch(Sample::ok);
      assertThat(clientPorts).hasSizeBetween(1, 4);
    }
  }

  @Test
  void a_server_that_closes_after_each_answer_gets_a_new_connection_for_each_request()
      throws Exception {
    try (var client = new RequestClient(url(), 2, Duration.ofSeconds(10))) {

      List<Sample> samples = new ClosedLoop(2, 20).run(client, "/closing", done -> {});

      assertThat(samples).hasSize(20).allMatch(Sample::ok);
      assertThat(clientPorts).hasSize(20);
    }
  }
}
