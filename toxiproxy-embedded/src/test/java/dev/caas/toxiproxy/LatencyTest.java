package dev.caas.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The latency toxic, which the project leans on: a round trip pays the latency once, however many
 * chunks the answer spans, and toxics reach connections that were already open.
 *
 * <p>Bounds are loose on purpose (machines are noisy): below, the latency is a hard floor, since
 * nothing may arrive early; above, we allow {@link #SLACK} and compare against 2 × latency, which
 * is what a per-chunk or per-direction mistake would cost.
 */
class LatencyTest extends ToxiproxyTestBase {

  private static final int LATENCY = 100;
  private static final int SLACK = 60;
  private static final int BODY_SIZE = 100 * 1024;

  @Test
  void latency_adds_once_per_round_trip() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    Socket socket = connect(proxy);

    List<Long> samples = roundTrips(socket, 5);

    assertThat(samples).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(LATENCY));
    assertThat(Collections.min(samples)).isLessThanOrEqualTo(LATENCY + SLACK);
    assertThat(median(samples)).isLessThan(2 * LATENCY);
  }

  @Test
  void a_large_http_response_pays_the_latency_once_not_per_chunk() throws Exception {
    HttpServer server = bodyServer();
    Proxy proxy = proxyTo("127.0.0.1:" + server.getAddress().getPort());
    proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portOf(proxy) + "/body"))
            .timeout(Duration.ofSeconds(10))
            .build();

    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // the first opens the connection, the rest reuse it
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      samples.add(millisSince(start));
      assertThat(response.body()).hasSize(BODY_SIZE);
    }

    assertThat(samples).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(LATENCY));
    assertThat(Collections.min(samples)).isLessThan(2 * LATENCY);
  }

  @Test
  void stacked_latency_toxics_add_up() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("first", DOWNSTREAM, 50);
    proxy.toxics().latency("second", DOWNSTREAM, 70);
    Socket socket = connect(proxy);

    List<Long> samples = roundTrips(socket, 4);

    assertThat(samples).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(120));
    assertThat(Collections.min(samples)).isLessThanOrEqualTo(120 + SLACK);
  }

  @Test
  void latency_in_both_directions_adds_up_in_a_round_trip() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("down", DOWNSTREAM, 50);
    proxy.toxics().latency("up", UPSTREAM, 50);
    Socket socket = connect(proxy);

    List<Long> samples = roundTrips(socket, 4);

    assertThat(samples).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(100));
    assertThat(Collections.min(samples)).isLessThanOrEqualTo(100 + SLACK);
  }

  @Test
  void jitter_spreads_delays_within_latency_plus_or_minus_jitter() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, LATENCY).setJitter(40);
    Socket socket = connect(proxy);

    List<Long> samples = roundTrips(socket, 10);

    assertThat(samples)
        .allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(LATENCY - 40));
    assertThat(Collections.min(samples)).isLessThan(LATENCY + 40);
    assertThat(Collections.max(samples) - Collections.min(samples)).isGreaterThanOrEqualTo(10);
  }

  @Test
  void upstream_latency_delays_requests_but_not_what_the_server_sends_first() throws IOException {
    TcpTestServer server = afterTest(TcpTestServer.greetingThenEcho("hello\n"));
    Proxy proxy = proxyTo(server.address());
    readExactly(connect(proxy), "hello\n".length()); // a first connection warms up both ends
    proxy.toxics().latency("lat", UPSTREAM, 2 * LATENCY);

    long start = System.nanoTime();
    Socket socket = connect(proxy);
    readExactly(socket, "hello\n".length());
    long greeting = millisSince(start);

    assertThat(greeting).isLessThan(2 * LATENCY);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(2 * LATENCY);
  }

  @Test
  void downstream_latency_delays_what_the_server_sends() throws IOException {
    TcpTestServer server = afterTest(TcpTestServer.greetingThenEcho("hello\n"));
    Proxy proxy = proxyTo(server.address());
    proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);

    long start = System.nanoTime();
    readExactly(connect(proxy), "hello\n".length());

    assertThat(millisSince(start)).isGreaterThanOrEqualTo(LATENCY);
  }

  @Test
  void toxics_reach_connections_that_were_already_open() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Socket socket = connect(proxy);
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);

    Latency latency = proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(LATENCY);

    latency.setLatency(2 * LATENCY);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(2 * LATENCY);

    latency.remove();
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);
  }

  @Test
  void latency_reaches_an_open_keep_alive_http_connection() throws Exception {
    HttpServer server = bodyServer();
    Proxy proxy = proxyTo("127.0.0.1:" + server.getAddress().getPort());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portOf(proxy) + "/body")).build();
    http.send(request, HttpResponse.BodyHandlers.discarding()); // opens the pooled connection

    proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    long start = System.nanoTime();
    http.send(request, HttpResponse.BodyHandlers.discarding());

    assertThat(millisSince(start)).isBetween((long) LATENCY, 2L * LATENCY + SLACK);
  }

  @Test
  void toxicity_zero_never_applies_and_raising_it_applies_to_open_connections() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Latency latency = proxy.toxics().latency("lat", DOWNSTREAM, 3 * LATENCY);
    latency.setToxicity(0f);
    Socket socket = connect(proxy);

    assertThat(roundTrips(socket, 3)).allSatisfy(millis -> assertThat(millis).isLessThan(LATENCY));

    latency.setToxicity(1f);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(3 * LATENCY);
  }

  private static List<Long> roundTrips(Socket socket, int count) throws IOException {
    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(roundTripMillis(socket));
    }
    return samples;
  }

  private static long median(List<Long> samples) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** An HTTP server answering every request with a {@link #BODY_SIZE}-byte body. */
  private HttpServer bodyServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new byte[BODY_SIZE];
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    afterTest(() -> server.stop(0));
    return server;
  }
}
