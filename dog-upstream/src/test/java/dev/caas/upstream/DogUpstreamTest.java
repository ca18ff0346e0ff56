package dev.caas.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.SeedDogs;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DogUpstreamTest {
  private static final List<String> SEED_FILENAMES =
      SeedDogs.ALL.stream().map(SeedDogs.Dog::filename).toList();

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("\r\nContent-Length: (\\d+)\r\n", Pattern.CASE_INSENSITIVE);

  private static DogUpstream upstream;
  private static UpstreamClient client;

  @BeforeAll
  static void start() throws IOException {
    upstream = DogUpstream.start("127.0.0.1", 0, 42);
    client = new UpstreamClient(upstream.url());
  }

  @AfterAll
  static void stop() {
    client.close();
    upstream.close();
  }

  @Test
  void url_is_loopback_with_the_bound_port_and_no_trailing_slash() {
    assertThat(upstream.url().toString()).isEqualTo("http://127.0.0.1:" + upstream.port());
    assertThat(upstream.port()).isPositive();
  }

  @Test
  void dog_answers_a_decodable_jpeg_named_by_x_filename() throws IOException {
    HttpResponse<byte[]> response = client.get("/dog");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(DogHeaders.IMAGE_JPEG);
    String filename = response.headers().firstValue(DogHeaders.X_FILENAME).orElseThrow();
    assertThat(filename).isIn(SEED_FILENAMES);
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(response.body().length);
    assertThat(response.body()).startsWith(0xFF, 0xD8).isEqualTo(upstream.photo(filename));
    assertThat(ImageIO.read(new ByteArrayInputStream(response.body()))).isNotNull();
  }

  @Test
  void served_photos_weigh_between_30_and_100_kilobytes() {
    for (int i = 0; i < 30; i++) {
      assertThat(client.get("/dog").body().length).isBetween(30 * 1024, 100 * 1024);
    }
  }

  @Test
  void dog_by_filename_answers_that_photo() {
    for (String filename : upstream.filenames()) {
      HttpResponse<byte[]> response = client.get("/dog/" + filename);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue(DogHeaders.X_FILENAME)).hasValue(filename);
      assertThat(response.body()).isEqualTo(upstream.photo(filename));
    }
  }

  @Test
  void an_unknown_filename_is_404() {
    assertThat(client.get("/dog/no-such-dog.jpg").statusCode()).isEqualTo(404);
    assertThat(client.get("/doghouse").statusCode()).isEqualTo(404);
    assertThat(client.get("/cat").statusCode()).isEqualTo(404);
  }

  @Test
  void photo_refuses_a_filename_it_does_not_serve() {
    assertThatThrownBy(() -> upstream.photo("unknown-99.jpg"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void photo_hands_out_a_copy_so_callers_cannot_change_what_is_served() {
    String filename = upstream.filenames().getFirst();
    upstream.photo(filename)[100] ^= 1;
    assertThat(client.get("/dog/" + filename).body()).isEqualTo(upstream.photo(filename));
  }

  @Test
  void only_get_is_allowed_on_photos() {
    assertThat(client.put("/dog").statusCode()).isEqualTo(405);
  }

  @Test
  void the_same_seed_serves_the_same_sequence_of_photos() throws IOException {
    try (var first = DogUpstream.start("127.0.0.1", 0, 7);
        var second = DogUpstream.start("127.0.0.1", 0, 7);
        var other = DogUpstream.start("127.0.0.1", 0, 8)) {
      List<String> firstSequence = servedFilenames(first, 20);
      assertThat(servedFilenames(second, 20)).isEqualTo(firstSequence);
      assertThat(servedFilenames(other, 20)).isNotEqualTo(firstSequence);
    }
  }

  @Test
  void requests_served_counts_photo_requests() {
    long before = upstream.requestsServed();
    client.get("/dog");
    client.get("/dog/" + upstream.filenames().getFirst());
    client.getText("/admin/fault");
    assertThat(upstream.requestsServed() - before).isEqualTo(2);
  }

  @Test
  void sequential_requests_share_one_kept_alive_connection() throws IOException {
    try (var relay = new ConnectionCountingRelay(upstream.url());
        var relayed = new UpstreamClient(relay.url())) {
      for (int i = 0; i < 50; i++) {
        assertThat(relayed.get("/dog").statusCode()).isEqualTo(200);
      }
      assertThat(relay.connectionsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void kept_alive_requests_are_not_held_back_by_nagles_algorithm() {
    client.get("/dog"); // connect and warm up first
    var millis = new ArrayList<Long>();
    for (int i = 0; i < 41; i++) {
      long start = System.nanoTime();
      client.get("/dog");
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    // With Nagle on, the body waits for the client's delayed ACK of the headers: about 40 ms every
    // time.
    assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).isLessThan(20);
  }

  @Test
  void two_thousand_connections_stay_open_and_kept_alive_at_once() throws Exception {
    int connections = 2_000;
    var sockets = new ArrayList<Socket>();
    try {
      for (int i = 0; i < connections; i++) { // every connection is open before any request is sent
        sockets.add(new Socket(upstream.url().getHost(), upstream.port()));
      }
      var allAnsweredOnce = new CountDownLatch(connections);
      try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<List<String>>> statusLines =
            sockets.stream()
                .map(socket -> threads.submit(() -> askTwice(socket, allAnsweredOnce)))
                .toList();
        for (Future<List<String>> statusLine : statusLines) {
          assertThat(statusLine.get()).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        }
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void closing_twice_is_harmless() throws IOException {
    var extra = DogUpstream.start("127.0.0.1", 0, 1);
    extra.close();
    extra.close();
    assertThat(extra.port()).isPositive();
  }

  private static List<String> servedFilenames(DogUpstream server, int count) {
    try (var sequenceClient = new UpstreamClient(server.url())) {
      return IntStream.range(0, count)
          .mapToObj(
              i ->
                  sequenceClient
                      .get("/dog")
                      .headers()
                      .firstValue(DogHeaders.X_FILENAME)
                      .orElseThrow())
          .toList();
    }
  }

  /**
   * Two requests on one connection, with a pause between them until every connection has had its
   * first answer: then all of them sit idle at once, which is when a server short of idle slots
   * drops some.
   */
  private static List<String> askTwice(Socket socket, CountDownLatch allAnsweredOnce)
      throws Exception {
    var in = new BufferedInputStream(socket.getInputStream());
    String first = ask(socket, in, "/dog");
    allAnsweredOnce.countDown();
    allAnsweredOnce.await();
    return List.of(first, ask(socket, in, "/dog/" + SEED_FILENAMES.getFirst()));
  }

  /**
   * Sends a GET and reads its answer by Content-Length, leaving the connection open; returns the
   * status line.
   */
  private static String ask(Socket socket, InputStream in, String path) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: upstream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        throw new EOFException("the upstream closed the connection; head so far: " + head);
      }
      head.append((char) next);
    }
    Matcher length = CONTENT_LENGTH.matcher(head);
    assertThat(length.find()).as("Content-Length in %s", head).isTrue();
    in.readNBytes(Integer.parseInt(length.group(1)));
    return head.substring(0, head.indexOf("\r\n"));
  }
}
