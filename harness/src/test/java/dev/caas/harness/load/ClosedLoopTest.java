package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.caas.harness.stats.LatencyStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

  @Test
  void ten_clients_keep_ten_requests_in_flight_and_each_takes_the_servers_time() throws Exception {
    var progress = new ConcurrentLinkedQueue<Integer>();
    try (var server = new SlowServer(Duration.ofMillis(50));
        var client = new RequestClient(server.url(), 10, Duration.ofSeconds(10))) {

      List<Sample> samples = new ClosedLoop(10, 50).run(client, "/", progress::add);

      assertThat(samples).hasSize(50).allMatch(Sample::ok);
      assertThat(samples)
          .extracting(Sample::index)
          .containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
      assertThat(server.maxInFlight()).isLessThanOrEqualTo(10).isGreaterThanOrEqualTo(5);
      var latency = LatencyStats.of(LatencyStats.histogramOf(samples));
      assertThat(latency.medianMs()).isBetween(45.0, 150.0);
      assertThat(latency.minMs()).isGreaterThanOrEqualTo(49.0);
      long lastEnd = samples.stream().mapToLong(Sample::endNanos).max().orElseThrow();
      assertThat(Duration.ofNanos(lastEnd))
          .isBetween(Duration.ofMillis(240), Duration.ofMillis(2000));
      assertThat(progress).hasSize(50).contains(50);
    }
  }

  @Test
  void a_ramped_loop_starts_its_clients_one_by_one_and_measures_what_follows_the_ramp()
      throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(100));
        var client = new RequestClient(server.url(), 20, Duration.ofSeconds(10))) {
      var loop = new ClosedLoop(20, 60, Duration.ofMillis(100));
      openConnections(client, 20);

      List<Sample> all = loop.run(client, "/", done -> {});

      assertThat(loop.totalRequests()).isEqualTo(80);
      assertThat(all).hasSize(80).allMatch(Sample::ok);
      List<Sample> measured = loop.measured(all);
      assertThat(measured).hasSize(60).allMatch(sample -> sample.index() >= 20);
      long[] rampStarts = starts(all.subList(0, 20));
      assertThat(Duration.ofNanos(rampStarts[19] - rampStarts[0]))
          .isBetween(Duration.ofMillis(80), Duration.ofMillis(1000));
      assertThat(middleSpread(measured.subList(0, 20)))
          .as("the first measured round, one request per client, is spread over the ramp")
          .isGreaterThanOrEqualTo(Duration.ofMillis(50));
      assertThat(loop.describe()).isEqualTo("closed loop, 20 clients, started over 100 ms");
    }
  }

  @Test
  void clients_started_at_once_send_their_first_requests_together_and_all_are_measured()
      throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(100));
        var client = new RequestClient(server.url(), 20, Duration.ofSeconds(10))) {
      var loop = new ClosedLoop(20, 60);
      openConnections(client, 20);

      List<Sample> all = loop.run(client, "/", done -> {});

      assertThat(loop.measured(all)).isSameAs(all);
      assertThat(middleSpread(all.subList(0, 20))).isLessThanOrEqualTo(Duration.ofMillis(40));
    }
  }

  private static long[] starts(List<Sample> samples) {
    return samples.stream().mapToLong(Sample::startNanos).sorted().toArray();
  }

  /** As a bench does before a point: one request per client, so the connections are open. */
  private static void openConnections(RequestClient client, int clients) {
    assertThat(new ClosedLoop(clients, clients).run(client, "/", done -> {})).allMatch(Sample::ok);
  }

  /** How long the middle 80 % of these requests took to be sent: a wave's is short. */
  private static Duration middleSpread(List<Sample> samples) {
    long[] starts = starts(samples);
    int tenth = starts.length / 10;
    return Duration.ofNanos(starts[starts.length - 1 - tenth] - starts[tenth]);
  }

  @Test
  void keeps_the_headers_the_report_needs_and_counts_the_body() throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(1));
        var client = new RequestClient(server.url(), 2, Duration.ofSeconds(10))) {

      Sample sample = new ClosedLoop(2, 4).run(client, "/", done -> {}).getFirst();

      assertThat(sample.status()).isEqualTo(200);
      assertThat(sample.bytes()).isEqualTo(1234);
      assertThat(sample.filename()).matches("dog-\\d\\.jpg");
      assertThat(sample.serverTiming()).startsWith("upstream;start=0.0;dur=1");
      assertThat(sample.intendedStartNanos()).isLessThanOrEqualTo(sample.startNanos());
    }
  }

  @Test
  void a_server_that_is_not_there_gives_errors_not_exceptions() throws Exception {
    URI nobody;
    try (var server = new SlowServer(Duration.ZERO)) {
      nobody = server.url();
    }
    try (var client = new RequestClient(nobody, 3, Duration.ofSeconds(5))) {

      List<Sample> samples = new ClosedLoop(3, 6).run(client, "/", done -> {});

      assertThat(samples).hasSize(6).noneMatch(Sample::ok);
      assertThat(samples).allSatisfy(s -> assertThat(s.error()).isNotBlank());
    }
  }

  @Test
  void an_error_answer_keeps_the_step_its_json_body_blames() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"error\":\"deadline passed\",\"step\":\"billing\",\"requestId\":\"42\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(504, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (var client =
        new RequestClient(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            1,
            Duration.ofSeconds(5))) {

      Sample sample = new ClosedLoop(1, 1).run(client, "/", done -> {}).getFirst();

      assertThat(sample.status()).isEqualTo(504);
      assertThat(sample.step()).isEqualTo("billing");
      assertThat(sample.errorKindWithStep()).isEqualTo("504 billing");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void the_step_is_read_from_the_contracts_error_json_and_nothing_else() {
    assertThat(
            dev.caas.contract.ErrorBody.stepOf(
                "{\"error\":\"x\",\"step\":\"upstream\",\"requestId\":\"1\"}"))
        .isEqualTo("upstream");
    assertThat(dev.caas.contract.ErrorBody.stepOf("{ \"error\": \"x\", \"step\" : \"name\" }"))
        .isEqualTo("name");
    assertThat(
            dev.caas.contract.ErrorBody.stepOf(
                "{\"error\":\"queue full\",\"step\":null,\"requestId\":\"1\"}"))
        .isNull();
    assertThat(dev.caas.contract.ErrorBody.stepOf("<html>503 Service Unavailable</html>")).isNull();
  }
}
