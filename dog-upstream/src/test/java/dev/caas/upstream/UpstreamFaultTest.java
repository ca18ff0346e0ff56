package dev.caas.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.Filenames;
import dev.caas.contract.SeedDogs;
import dev.caas.contract.StepFailure;
import dev.caas.contract.UpstreamAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UpstreamFaultTest {
  private static final List<String> SEED_FILENAMES =
      SeedDogs.ALL.stream().map(SeedDogs.Dog::filename).toList();

  private static DogUpstream upstream;
  private static UpstreamClient client;

  @BeforeAll
  static void start() throws IOException {
    upstream = DogUpstream.start("127.0.0.1", 0, 42);
    client = new UpstreamClient(upstream.url());
  }

  @AfterEach
  void healUpstream() {
    upstream.setFault(UpstreamFault.NONE);
  }

  @AfterAll
  static void stop() {
    client.close();
    upstream.close();
  }

  @Test
  void missing_filename_sends_a_jpeg_without_x_filename() {
    upstream.setFault(UpstreamFault.MISSING_FILENAME);
    HttpResponse<byte[]> response = client.get("/dog");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(DogHeaders.X_FILENAME)).isEmpty();
    assertThat(response.body()).startsWith(0xFF, 0xD8);
  }

  @Test
  void quoted_filename_sends_a_filename_with_double_quotes() {
    upstream.setFault(UpstreamFault.QUOTED_FILENAME);
    assertThat(filenameHeaderOfNextPhoto()).contains("\"").endsWith(".jpg");
  }

  @Test
  void crlf_filename_sends_a_folded_cr_lf_that_looks_like_a_second_header() throws IOException {
    upstream.setFault(UpstreamFault.CRLF_FILENAME);
    String head = rawResponseHead("/dog");

    assertThat(head).containsIgnoringCase("X-Filename: crlf.jpg\r\n X-Injected: true\r\n");
  }

  @Test
  void crlf_filename_reaches_java_net_http_unfolded_into_one_invalid_value() {
    upstream.setFault(UpstreamFault.CRLF_FILENAME);
    HttpResponse<byte[]> response = client.get("/dog");

    assertThat(response.headers().firstValue(DogHeaders.X_FILENAME))
        .hasValue("crlf.jpg X-Injected: true");
    assertThat(response.headers().firstValue("X-Injected")).isEmpty();
  }

  @Test
  void traversal_filename_sends_a_path_out_of_the_photo_directory() {
    upstream.setFault(UpstreamFault.TRAVERSAL_FILENAME);
    assertThat(filenameHeaderOfNextPhoto()).isEqualTo("../../etc/passwd.jpg");
  }

  @Test
  void sql_filename_sends_a_filename_that_drops_a_table() {
    upstream.setFault(UpstreamFault.SQL_FILENAME);
    assertThat(filenameHeaderOfNextPhoto()).isEqualTo("x.jpg'; DROP TABLE dog;--");
  }

  @Test
  void unknown_filename_is_valid_in_shape_but_names_no_seed_dog() {
    upstream.setFault(UpstreamFault.UNKNOWN_FILENAME);
    String filename = filenameHeaderOfNextPhoto();

    assertThat(filename).isEqualTo("unknown-99.jpg");
    assertThat(Filenames.isValid(filename)).isTrue();
    assertThat(filename).isNotIn(SEED_FILENAMES);
  }

  @ParameterizedTest
  @EnumSource(
      names = {
        "MISSING_FILENAME",
        "QUOTED_FILENAME",
        "CRLF_FILENAME",
        "TRAVERSAL_FILENAME",
        "SQL_FILENAME",
        "NOT_JPEG"
      })
  void the_contract_check_refuses_every_bad_head(UpstreamFault fault) {
    upstream.setFault(fault);
    HttpResponse<byte[]> response = client.get("/dog");

    assertThatThrownBy(
            () ->
                UpstreamAnswers.checkHead(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue(DogHeaders.X_FILENAME).orElse(null)))
        .isInstanceOf(StepFailure.class)
        .satisfies(failure -> assertThat(((StepFailure) failure).status()).isEqualTo(502));
  }

  @Test
  void not_jpeg_sends_html_with_status_200() {
    upstream.setFault(UpstreamFault.NOT_JPEG);
    HttpResponse<byte[]> response = client.get("/dog");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<!doctype html>");
    assertThat(response.headers().firstValue(DogHeaders.X_FILENAME))
        .hasValueSatisfying(filename -> assertThat(filename).isIn(SEED_FILENAMES));
  }

  @Test
  void oversized_streams_twenty_mebibytes_without_announcing_a_length() throws IOException {
    upstream.setFault(UpstreamFault.OVERSIZED);
    HttpResponse<InputStream> response = client.getStreaming("/dog");

    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    try (InputStream body = response.body()) {
      byte[] start = body.readNBytes(2);
      assertThat(start).containsExactly(0xFF, 0xD8);
      assertThat(2 + body.transferTo(OutputStream.nullOutputStream()))
          .isEqualTo(PhotoHandler.OVERSIZED_BYTES);
    }
    assertThat(PhotoHandler.OVERSIZED_BYTES).isGreaterThan(UpstreamAnswers.MAX_PHOTO_BYTES);
  }

  @Test
  void slow_drip_sends_headers_at_once_and_the_true_photo_over_seconds_to_many_clients_at_once()
      throws Exception {
    upstream.setFault(UpstreamFault.SLOW_DRIP);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Drip>> drips =
          IntStream.range(0, 100).mapToObj(i -> threads.submit(this::timeOneDrip)).toList();
      for (Future<Drip> future : drips) {
        Drip drip = future.get();
        assertThat(drip.body()).isEqualTo(upstream.photo(drip.filename()));
        assertThat(drip.untilHeaders()).isLessThan(Duration.ofSeconds(2));
        assertThat(drip.untilLastByte())
            .isGreaterThan(PhotoHandler.DRIP_DURATION.multipliedBy(8).dividedBy(10));
        // all hundred trickle side by side: one virtual thread each, no pool to queue behind
        assertThat(drip.untilLastByte()).isLessThan(PhotoHandler.DRIP_DURATION.multipliedBy(2));
      }
    }
  }

  @Test
  void closing_the_upstream_cuts_a_slow_drip_short() throws IOException {
    try (var dripping = DogUpstream.start("127.0.0.1", 0, 42);
        var dripClient = new UpstreamClient(dripping.url())) {
      dripping.setFault(UpstreamFault.SLOW_DRIP);
      HttpResponse<InputStream> response = dripClient.getStreaming("/dog");

      long start = System.nanoTime();
      dripping.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void faults_leave_photos_asked_for_by_filename_untouched() {
    String filename = SEED_FILENAMES.getFirst();
    for (UpstreamFault fault :
        List.of(
            UpstreamFault.MISSING_FILENAME,
            UpstreamFault.NOT_JPEG,
            UpstreamFault.TRAVERSAL_FILENAME)) {
      upstream.setFault(fault);
      HttpResponse<byte[]> response = client.get("/dog/" + filename);
      assertThat(response.headers().firstValue(DogHeaders.X_FILENAME)).hasValue(filename);
      assertThat(response.body()).isEqualTo(upstream.photo(filename));
    }
  }

  @Test
  void the_fault_is_switched_and_read_over_http() {
    HttpResponse<String> switched = client.put("/admin/fault/slow-drip");

    assertThat(switched.statusCode()).isEqualTo(204);
    assertThat(upstream.fault()).isEqualTo(UpstreamFault.SLOW_DRIP);
    assertThat(client.getText("/admin/fault").body()).isEqualTo("SLOW_DRIP");
    assertThat(client.put("/admin/fault/NONE").statusCode()).isEqualTo(204);
    assertThat(client.getText("/admin/fault").body()).isEqualTo("NONE");
  }

  @Test
  void the_fault_set_from_java_is_read_over_http() {
    upstream.setFault(UpstreamFault.NOT_JPEG);
    assertThat(client.getText("/admin/fault").body()).isEqualTo("NOT_JPEG");
  }

  @Test
  void an_unknown_fault_name_is_400_and_changes_nothing() {
    HttpResponse<String> response = client.put("/admin/fault/on-fire");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("on-fire", "SLOW_DRIP");
    assertThat(upstream.fault()).isEqualTo(UpstreamFault.NONE);
  }

  private String filenameHeaderOfNextPhoto() {
    HttpResponse<byte[]> response = client.get("/dog");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith(0xFF, 0xD8);
    return response.headers().firstValue(DogHeaders.X_FILENAME).orElseThrow();
  }

  private record Drip(
      String filename, byte[] body, Duration untilHeaders, Duration untilLastByte) {}

  private Drip timeOneDrip() throws IOException {
    long start = System.nanoTime();
    HttpResponse<InputStream> response = client.getStreaming("/dog");
    Duration untilHeaders = Duration.ofNanos(System.nanoTime() - start);
    try (InputStream body = response.body()) {
      byte[] bytes = body.readAllBytes();
      return new Drip(
          response.headers().firstValue(DogHeaders.X_FILENAME).orElseThrow(),
          bytes,
          untilHeaders,
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private String rawResponseHead(String path) throws IOException {
    try (var socket = new Socket(upstream.url().getHost(), upstream.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: upstream\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.substring(0, answer.indexOf("\r\n\r\n") + 2);
    }
  }
}
