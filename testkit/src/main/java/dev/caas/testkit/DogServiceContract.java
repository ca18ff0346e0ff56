package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogName;
import dev.caas.contract.DogPaths;
import dev.caas.contract.Json;
import dev.caas.contract.Load;
import dev.caas.contract.SeedDogs;
import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant;
import dev.caas.testbed.Fault;
import dev.caas.testbed.ProxyNames;
import dev.caas.testbed.Testbed;
import dev.caas.upstream.UpstreamFault;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every variant must do, whatever its concurrency model. A subclass says which model it is and
 * how to start a variant; both compositions run everything here, once each.
 */
public abstract class DogServiceContract extends VariantsOfAModel {
  protected DogServiceContract(
      Variant.Model model, VariantLauncher launcher, Variant.Composition... only) {
    super(model, launcher, only);
  }

  /** The suite for an implementation outside this project. */
  protected DogServiceContract(Subject subject) {
    super(subject);
  }

  private Testbed testbed;
  private RunningVariant running;
  private DogClient client;

  @BeforeParameterizedClassInvocation
  void startVariant() throws Exception {
    testbed = SharedTestbed.get();
    running = launcher().launch(SharedTestbed.optionsFor(composition(), Duration.ofSeconds(5)));
    client = new DogClient(SharedTestbed.urlOf(running));
  }

  @AfterParameterizedClassInvocation
  void stopVariant() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  @AfterEach
  void healTheTestbed() throws Exception {
    testbed.setUpstreamFault(UpstreamFault.NONE);
    testbed.proxy(ProxyNames.UPSTREAM).enable();
    testbed.proxy(ProxyNames.POSTGRES).enable();
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void serves_the_upstreams_photo_bytes_unchanged() {
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith(DogHeaders.IMAGE_JPEG);
    String filename = answer.header(DogHeaders.X_FILENAME);
    assertThat(answer.body()).isEqualTo(testbed.photo(filename));
  }

  @Test
  void names_the_photo_after_the_dog_in_the_database() {
    var answer = client.get(DogPaths.DOG);
    String filename = answer.header(DogHeaders.X_FILENAME);
    String name =
        SeedDogs.ALL.stream()
            .filter(d -> d.filename().equals(filename))
            .findFirst()
            .orElseThrow()
            .name();
    assertThat(answer.header(DogHeaders.X_DOG_NAME)).isEqualTo(name);
    assertThat(answer.header(DogHeaders.CONTENT_DISPOSITION))
        .isEqualTo("inline; filename=\"" + name + ".jpg\"");
  }

  @Test
  void says_which_variant_and_request_answered() {
    var answer = client.photo();
    assertThat(answer.header(DogHeaders.X_VARIANT)).isEqualTo(subjectName());
    assertThat(UUID.fromString(answer.header(DogHeaders.X_REQUEST_ID))).isNotNull();
  }

  @Test
  void server_timing_tells_each_steps_start_and_duration_in_the_order_of_its_composition() {
    var timing = client.photo().serverTiming();
    var upstream = ServerTiming.find(timing, "upstream");
    var billing = ServerTiming.find(timing, "billing");
    var name = ServerTiming.find(timing, "name");
    var total = ServerTiming.find(timing, ServerTiming.TOTAL);
    assertThat(upstream.startMs()).isCloseTo(0, within(5.0));
    // start and dur are each rounded to 0.1 ms in the header, so an end can read 0.1 ms past the
    // next start
    double rounding = 0.2;
    assertThat(billing.startMs()).isGreaterThanOrEqualTo(upstream.endMs() - rounding);
    assertThat(name.startMs()).isGreaterThanOrEqualTo(upstream.endMs() - rounding);
    if (composition() == Variant.Composition.SEQUENTIAL) {
      assertThat(name.startMs()).isGreaterThanOrEqualTo(billing.endMs() - rounding);
    }
    assertThat(total.durationMs())
        .isGreaterThanOrEqualTo(Math.max(billing.endMs(), name.endMs()) - rounding);
  }

  @Test
  void bills_once_per_served_photo() throws Exception {
    testbed.clearBilling();
    var served = new HashMap<String, Long>();
    for (var answer : client.photos(12, 4)) {
      assertThat(answer.status()).isEqualTo(200);
      served.merge(answer.header(DogHeaders.X_FILENAME), 1L, Long::sum);
    }
    assertThat(testbed.billingCounts()).isEqualTo(served);
  }

  @Test
  void the_billing_endpoint_counts_events_per_filename_in_the_database() {
    testbed.clearBilling();
    String filename = client.photo().header(DogHeaders.X_FILENAME);
    assertThat(client.get(DogPaths.BILLING).text()).isEqualTo("{\"" + filename + "\":1}");
  }

  @Test
  void the_billing_endpoint_agrees_with_the_ledger_after_bills_and_compensations()
      throws Exception {
    testbed.clearBilling();
    client.photos(6, 3);
    testbed.proxy(ProxyNames.UPSTREAM).disable();
    client.photo(); // a failed request: nothing billed, nothing to count
    testbed.proxy(ProxyNames.UPSTREAM).enable();
    try (var locked = Fault.DOG_TABLE_LOCKED.injectInto(testbed, Duration.ofSeconds(1))) {
      // billed, then failed at the name step: the billing is compensated in the background
      assertThat(client.photo().status()).isEqualTo(504);
    }
    client.photos(3, 3);
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Load.fromHealthJson(client.get(DogPaths.HEALTH).text()).compensationsPending() > 0
        && System.nanoTime() < giveUp) {
      Thread.sleep(50);
    }
    var ledger = testbed.billingCounts();
    assertThat(ledger.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9);
    assertThat(client.get(DogPaths.BILLING).text()).isEqualTo(Json.numbers(ledger));
  }

  @Test
  void health_names_the_variant_and_its_limits() {
    var answer = client.get(DogPaths.HEALTH);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text())
        .contains("\"variant\":\"" + subjectName() + "\"", "\"ready\":true", "\"dbPool\":20");
    assertThat(Load.fromHealthJson(answer.text()).dbActive()).isBetween(0, 20);
  }

  @Test
  void an_unreachable_upstream_is_a_503_json_error_and_is_not_billed() throws Exception {
    testbed.clearBilling();
    testbed.proxy(ProxyNames.UPSTREAM).disable();
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(503);
    assertJsonError(answer, "upstream");
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void a_photo_the_database_does_not_know_is_served_under_a_fallback_name_and_billed() {
    testbed.clearBilling();
    testbed.setUpstreamFault(UpstreamFault.UNKNOWN_FILENAME);
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header(DogHeaders.X_DOG_NAME)).isEqualTo(DogName.FALLBACK_NAME);
    assertThat(answer.header(DogHeaders.X_DOG_NAME_SOURCE)).isEqualTo("fallback");
    assertThat(testbed.billingCounts()).isEqualTo(Map.of("unknown-99.jpg", 1L));
  }

  @Test
  void a_known_dog_says_its_name_came_from_the_database() {
    assertThat(client.photo().header(DogHeaders.X_DOG_NAME_SOURCE)).isEqualTo("database");
  }

  /**
   * Bad answers of the upstream: each a clear 502 naming the upstream, never billed, never a 500.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = UpstreamFault.class,
      names = {
        "MISSING_FILENAME",
        "QUOTED_FILENAME",
        "CRLF_FILENAME",
        "TRAVERSAL_FILENAME",
        "SQL_FILENAME",
        "NOT_JPEG",
        "OVERSIZED"
      })
  void a_bad_upstream_answer_is_a_clear_502_and_not_billed(UpstreamFault fault) {
    testbed.clearBilling();
    testbed.setUpstreamFault(fault);
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(502);
    assertJsonError(answer, "upstream");
    assertThat(answer.headers()).doesNotContainKey("x-injected");
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void sql_in_a_filename_is_refused_and_the_database_is_untouched() {
    testbed.setUpstreamFault(UpstreamFault.SQL_FILENAME);
    assertThat(client.photo().status()).isEqualTo(502);
    testbed.setUpstreamFault(UpstreamFault.NONE);
    assertThat(client.photo().header(DogHeaders.X_DOG_NAME_SOURCE))
        .as("the dog table is still there")
        .isEqualTo("database");
  }

  private static void assertJsonError(DogClient.Answer answer, String step) {
    assertThat(answer.header("Content-Type")).startsWith(DogHeaders.APPLICATION_JSON);
    assertThat(answer.text())
        .startsWith("{\"error\":\"")
        .contains(
            "\"step\":\"" + step + "\"",
            "\"requestId\":\"" + answer.header(DogHeaders.X_REQUEST_ID) + "\"")
        .doesNotContain("Exception", "\tat ");
  }
}
