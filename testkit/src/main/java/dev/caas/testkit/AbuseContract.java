package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.ErrorBody;
import dev.caas.contract.Load;
import dev.caas.contract.SeedDogs;
import dev.caas.contract.Variant;
import dev.caas.testbed.Testbed;
import dev.caas.testkit.HostileUpstream.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every variant does with clients and upstreams that break the rules, each answered the same
 * way in every model: a client that leaves before its answer is not billed, a body that is not a
 * JPEG is a 502, a malformed upstream answer a 502, a malformed request a 400 or 405, a client that
 * drips its headers or says nothing is disconnected at the variant's deadlines on the wire. The
 * variant's upstream here is a {@link HostileUpstream}, which can answer late or send what no
 * well-behaved server would.
 */
public abstract class AbuseContract extends VariantsOfAModel {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  /** Clients that leave in each test: enough that a leak cannot hide in noise. */
  private static final int LEAVERS = 20;

  /** How late the upstream answers while clients leave "during the request". */
  private static final Duration UPSTREAM_DELAY = Duration.ofMillis(300);

  private static final int POOL = 20;

  /** The header deadline here: short, so a slow client is cut off within seconds. */
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);

  /** The idle timeout here: short, for the same reason. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  /** A request that is well formed in every way. */
  private static final String GOOD_HEAD = " / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private Testbed testbed;
  private HostileUpstream upstream;
  private RunningVariant running;
  private DogClient client;

  protected AbuseContract(
      Variant.Model model, VariantLauncher launcher, Variant.Composition... only) {
    super(model, launcher, only);
  }

  /** The suite for an implementation outside this project. */
  protected AbuseContract(Subject subject) {
    super(subject);
  }

  @BeforeParameterizedClassInvocation
  void startVariant() throws Exception {
    testbed = SharedTestbed.get();
    var dog = SeedDogs.ALL.getFirst();
    upstream = HostileUpstream.start(dog.filename(), testbed.photo(dog.filename()));
    running =
        launcher()
            .launch(
                SharedTestbed.optionsFor(composition(), DEADLINE)
                    .withUpstream(upstream.url())
                    .withWireTimeouts(HEADER_TIMEOUT, IDLE_TIMEOUT));
    client = new DogClient(SharedTestbed.urlOf(running));
    client.photos(4, 2); // warm
  }

  @AfterParameterizedClassInvocation
  void stopVariant() throws Exception {
    if (running != null) {
      running.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @AfterEach
  void answerPhotosAgain() {
    upstream.answer(Answer.PHOTO, Duration.ZERO);
  }

  /** How a client leaves after sending its request, without reading the answer. */
  enum Leaving {
    CLOSES_AT_ONCE(false, Duration.ZERO),
    RESETS_AT_ONCE(true, Duration.ZERO),
    CLOSES_WHILE_THE_UPSTREAM_ANSWERS(false, Duration.ofMillis(100)),
    RESETS_WHILE_THE_UPSTREAM_ANSWERS(true, Duration.ofMillis(100));

    private final boolean reset;
    private final Duration after;

    Leaving(boolean reset, Duration after) {
      this.reset = reset;
      this.after = after;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Leaving.class)
  void a_client_that_leaves_before_its_answer_is_not_billed(Leaving leaving) throws Exception {
    testbed.clearBilling();
    upstream.answer(Answer.PHOTO, leaving.after.isZero() ? Duration.ZERO : UPSTREAM_DELAY);
    try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < LEAVERS; i++) {
        clients.submit(
            () -> {
              var connection = RawConnection.open(SharedTestbed.urlOf(running));
              connection.send("GET" + GOOD_HEAD);
              Thread.sleep(leaving.after);
              if (leaving.reset) {
                connection.reset();
              } else {
                connection.close();
              }
              return null;
            });
      }
    }
    upstream.answer(Answer.PHOTO, Duration.ZERO);
    long delivered = client.photos(3, 3).stream().filter(a -> a.status() == 200).count();
    awaitQuiet();
    assertThat(testbed.billedTotal())
        .as("billing events vs photos delivered, after %d clients left (%s)", LEAVERS, leaving)
        .isEqualTo(delivered);
  }

  @Test
  void a_body_that_is_not_a_jpeg_is_a_502_whatever_its_label_and_is_not_billed() throws Exception {
    testbed.clearBilling();
    upstream.answer(Answer.HTML_LABELLED_JPEG, Duration.ZERO);
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(502);
    assertThat(ErrorBody.stepOf(answer.text())).isEqualTo("upstream");
    assertThat(answer.text()).doesNotContain("<script>");
    awaitQuiet();
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void every_answer_tells_the_browser_not_to_sniff_its_type() {
    assertThat(client.photo().header(DogHeaders.X_CONTENT_TYPE_OPTIONS)).isEqualTo("nosniff");
    upstream.answer(Answer.HTML_LABELLED_JPEG, Duration.ZERO);
    assertThat(client.photo().header(DogHeaders.X_CONTENT_TYPE_OPTIONS)).isEqualTo("nosniff");
  }

  @Test
  void a_malformed_upstream_answer_is_a_502_and_is_not_billed() throws Exception {
    testbed.clearBilling();
    upstream.answer(Answer.HEADER_BEFORE_STATUS_LINE, Duration.ZERO);
    var answer = client.photo();
    assertThat(answer.status()).as(answer.text()).isEqualTo(502);
    assertThat(ErrorBody.stepOf(answer.text())).isEqualTo("upstream");
    awaitQuiet();
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void a_client_that_drips_its_headers_is_disconnected_at_the_header_deadline() throws Exception {
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      long start = System.nanoTime();
      var drip =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: ");
                      for (int i = 0; i < 100; i++) {
                        Thread.sleep(100);
                        connection.send("a");
                      }
                    } catch (IOException | InterruptedException closed) {
                      // the server closed the connection, or the test is over
                    }
                  });
      boolean closed = connection.closedByServerWithin(HEADER_TIMEOUT.multipliedBy(3));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      drip.interrupt();
      assertThat(closed).as("closed while it dripped, within 3 × the header deadline").isTrue();
      assertThat(took).as("not closed before the header deadline").isGreaterThan(HEADER_TIMEOUT);
    }
  }

  @Test
  void a_silent_connection_is_closed_at_the_idle_timeout() throws Exception {
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      long start = System.nanoTime();
      assertThat(connection.closedByServerWithin(IDLE_TIMEOUT.multipliedBy(3))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("not closed before the idle timeout (nor by the header deadline: nothing was sent)")
          .isGreaterThan(IDLE_TIMEOUT.multipliedBy(9).dividedBy(10));
    }
  }

  @Test
  void a_kept_alive_connection_is_closed_at_the_idle_timeout_after_its_answer() throws Exception {
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(connection.readHead(Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      assertThat(connection.closedByServerWithin(IDLE_TIMEOUT.multipliedBy(3))).isTrue();
    }
  }

  @Test
  void an_http_1_1_request_without_host_is_a_400_and_is_not_billed() throws Exception {
    testbed.clearBilling();
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      connection.send("GET / HTTP/1.1\r\n\r\n");
      assertThat(connection.readHead(Duration.ofSeconds(5))).startsWith("HTTP/1.1 400");
    }
    awaitQuiet();
    assertThat(testbed.billedTotal()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HEAD", "POST", "DELETE", "BREW"})
  void a_method_other_than_get_is_a_405_that_allows_get_and_is_not_billed(String method)
      throws Exception {
    testbed.clearBilling();
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      connection.send(method + GOOD_HEAD);
      String head = connection.readHead(Duration.ofSeconds(5));
      assertThat(head).startsWith("HTTP/1.1 405").containsPattern("(?i)\r\nallow: GET\r\n");
    }
    awaitQuiet();
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void an_oversized_request_head_is_a_431_and_an_oversized_request_line_a_414() throws Exception {
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      sendAllowingAnEarlyAnswer(
          connection,
          "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(100 * 1024) + "\r\n\r\n");
      assertThat(connection.readHead(Duration.ofSeconds(5))).startsWith("HTTP/1.1 431");
    }
    try (var connection = RawConnection.open(SharedTestbed.urlOf(running))) {
      sendAllowingAnEarlyAnswer(
          connection, "GET /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(connection.readHead(Duration.ofSeconds(5))).startsWith("HTTP/1.1 414");
    }
  }

  /** Sends a request the server may refuse (and stop reading) before it has all of it. */
  private static void sendAllowingAnEarlyAnswer(RawConnection connection, String request) {
    try {
      connection.send(request);
    } catch (IOException refusedEarly) {
      // the answer is what counts, read next
    }
  }

  /**
   * Waits until the variant is idle, seen twice in a row: a request whose client left may still be
   * finishing, and its compensation still to run.
   */
  private void awaitQuiet() throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int quietReadings = 0;
    while (quietReadings < 2) {
      Load load = Load.fromHealthJson(client.get(DogPaths.HEALTH).text());
      quietReadings = load.idle(POOL) ? quietReadings + 1 : 0;
      assertThat(System.nanoTime()).as("still busy: %s", load).isLessThan(giveUp);
      Thread.sleep(250);
    }
  }
}
