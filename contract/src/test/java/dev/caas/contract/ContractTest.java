package dev.caas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractTest {

  @Test
  void sql_is_rewritten_for_jdbc_placeholders() {
    assertThat(Sql.jdbc(Sql.INSERT_BILLING))
        .isEqualTo("INSERT INTO billing_event(request_id, filename) VALUES (?, ?)");
  }

  @Test
  void seed_has_a_dozen_distinct_valid_files_with_names() {
    assertThat(SeedDogs.ALL).hasSizeGreaterThanOrEqualTo(12);
    assertThat(SeedDogs.ALL)
        .extracting(SeedDogs.Dog::filename)
        .doesNotHaveDuplicates()
        .allMatch(Filenames::isValid);
    assertThat(SeedDogs.ALL)
        .extracting(SeedDogs.Dog::name)
        .allMatch(n -> Filenames.safeDisplayName(n).equals(n));
  }

  @Test
  void filenames_that_could_carry_a_path_quote_or_header_break_are_refused() {
    for (String bad :
        new String[] {
          "../etc/passwd.jpg",
          "a\"b.jpg",
          "a\r\nX-Evil: 1.jpg",
          "x.jpg'; DROP TABLE dog;--",
          "",
          "dog.png",
          "a..b.jpg"
        }) {
      assertThat(Filenames.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Filenames.requireValid(null))
        .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.status()).isEqualTo(502));
  }

  @Test
  void display_names_lose_quotes_line_breaks_and_path_characters() {
    assertThat(Filenames.safeDisplayName("Sir \"Rex\"\r\n/../")).isEqualTo("Sir Rex..");
    assertThat(Filenames.safeDisplayName("\"\"")).isEqualTo("dog");
  }

  @Test
  void error_bodies_are_json_with_escaped_text() {
    var id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    String json = new ErrorBody("bad \"thing\"\n", Step.NAME, id).toJson();
    assertThat(json)
        .isEqualTo(
            "{\"error\":\"bad \\\"thing\\\"\\n\",\"step\":\"name\",\"requestId\":\"00000000-0000-0000-0000-000000000001\"}");
  }

  @Test
  void health_reports_unbounded_limits_as_null() {
    assertThat(
            Health.json(
                Variant.LOOM_GATHERED,
                true,
                new Limits(null, 20, null, null),
                new Load(1, 2, 18, 0, 3)))
        .isEqualTo(
            "{\"variant\":\"loom-gathered\",\"ready\":true,"
                + "\"limits\":{\"serverThreads\":null,\"dbPool\":20,\"httpConnections\":null,\"executorThreads\":null},"
                + "\"load\":{\"inFlight\":1,\"dbActive\":2,\"dbIdle\":18,\"dbWaiting\":0,\"compensationsPending\":3}}");
  }

  @Test
  void the_load_reads_back_from_health_and_is_idle_only_when_nothing_is_busy() {
    var load = new Load(0, 0, 20, 0, 0);
    String health = Health.json(Variant.SYNC_GATHERED, true, new Limits(28, 20, null, 64), load);
    assertThat(Load.fromHealthJson(health)).isEqualTo(load);
    assertThat(load.idle(20)).isTrue();
    assertThat(load.idle(21)).as("a connection not yet reopened").isFalse();
    assertThat(new Load(0, 0, 20, 0, 1).idle(20)).as("a compensation pending").isFalse();
    assertThat(new Load(1, 1, 19, 0, 0).idle(20)).isFalse();
    assertThatThrownBy(() -> Load.fromHealthJson("{\"ready\":true}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_deadline_counts_down_and_names_the_step_it_passed_in() throws InterruptedException {
    var deadline = Deadline.after(Duration.ofMillis(30));
    assertThat(deadline.passed()).isFalse();
    assertThat(deadline.remainingMillis()).isBetween(1L, 30L);
    Thread.sleep(40);
    assertThat(deadline.passed()).isTrue();
    assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    assertThat(deadline.remainingMillis()).isZero();
    var failure = deadline.failure(Step.NAME);
    assertThat(failure.status()).isEqualTo(504);
    assertThat(failure.step()).isEqualTo(Step.NAME);
    assertThat(failure.getMessage()).isEqualTo("deadline of 30 ms passed during step name");
  }

  @Test
  void a_request_stops_its_work_in_time_to_answer_by_its_deadline() {
    assertThat(Deadline.forAnswerWithin(Duration.ofSeconds(1)).remainingMillis())
        .isBetween(900L, 950L);
    assertThat(Deadline.forAnswerWithin(Duration.ofMillis(200)).remainingMillis())
        .isBetween(150L, 190L);
    assertThat(DogRequest.arrived(UUID.randomUUID(), Duration.ofSeconds(60)).deadline().budget())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a_photo_of_an_unknown_dog_says_its_name_is_a_fallback() {
    var known = DogHeaders.forPhoto("pug-14.jpg", DogName.known("Max"), "total;dur=1.0");
    var unknown = DogHeaders.forPhoto("unknown-99.jpg", DogName.fallback(), "total;dur=1.0");
    assertThat(known)
        .containsEntry(DogHeaders.X_DOG_NAME, "Max")
        .containsEntry(DogHeaders.X_DOG_NAME_SOURCE, "database");
    assertThat(unknown)
        .containsEntry(DogHeaders.X_DOG_NAME, DogName.FALLBACK_NAME)
        .containsEntry(DogHeaders.X_DOG_NAME_SOURCE, "fallback")
        .containsEntry(DogHeaders.CONTENT_DISPOSITION, "inline; filename=\"Good Dog.jpg\"");
  }

  @Test
  void the_unfinished_step_is_the_last_one_begun_and_not_ended() {
    var timeline = RequestTimeline.start();
    assertThat(timeline.unfinishedStep()).isEqualTo(Step.UPSTREAM);
    timeline.begin(Step.UPSTREAM).end();
    var billing = timeline.begin(Step.BILLING);
    timeline.begin(Step.NAME).end();
    assertThat(timeline.unfinishedStep()).isEqualTo(Step.BILLING);
    billing.end();
    assertThat(timeline.unfinishedStep()).isEqualTo(Step.NAME);
  }

  @Test
  void options_come_from_arguments_then_environment_then_defaults() {
    var options =
        VariantOptions.parse(
            new String[] {
              "--variant", "sync-gathered", "--port=0", "--upstream-url", "http://127.0.0.1:9"
            },
            Map.of(
                "CAAS_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?ssl=false",
                "CAAS_DB_POOL",
                "7"));
    assertThat(options.composition()).isEqualTo(Variant.Composition.GATHERED);
    assertThat(options.port()).isZero();
    assertThat(options.dbPool()).isEqualTo(7);
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.r2dbcUrl()).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(options.deadline()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void the_deadlines_on_the_wire_default_to_10_and_30_seconds_and_can_be_set() {
    String[] required = {"--db-url", "jdbc:postgresql://h/db", "--upstream-url", "http://h"};
    var defaults = VariantOptions.parse(required, Map.of());
    assertThat(defaults.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    var set = VariantOptions.parse(required, Map.of("CAAS_HEADER_TIMEOUT", "2s"));
    assertThat(set.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.withWireTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)).idleTimeout())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void only_get_with_a_host_is_served_and_everything_else_is_refused_the_same_way() {
    assertThat(RequestRules.check("GET", true, true)).isNull();
    assertThat(RequestRules.check("GET", false, false)).as("HTTP/1.0 needs no Host").isNull();
    assertThat(RequestRules.check("GET", true, false).status()).isEqualTo(400);
    var head = RequestRules.check("HEAD", true, true);
    assertThat(head.status()).isEqualTo(405);
    assertThat(head.headers()).containsEntry("Allow", "GET");
  }

  @Test
  void a_body_is_a_jpeg_only_with_its_start_and_end_markers() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, (byte) 0xFF, (byte) 0xD9};
    assertThat(UpstreamAnswers.checkBody(jpeg)).isSameAs(jpeg);
    byte[] html = "<html></html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> UpstreamAnswers.checkBody(html))
        .isInstanceOf(StepFailure.class)
        .hasMessageContaining("not a JPEG");
    byte[] truncated = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4};
    assertThatThrownBy(() -> UpstreamAnswers.checkBody(truncated)).isInstanceOf(StepFailure.class);
  }

  @Test
  void a_missing_required_option_is_named() {
    assertThatThrownBy(
            () -> VariantOptions.parse(new String[] {"--upstream-url", "http://x"}, Map.of()))
        .hasMessageContaining("missing --db-url");
  }

  @Test
  void durations_read_as_people_write_them() {
    assertThat(VariantOptions.parseDuration("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(VariantOptions.parseDuration("100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(VariantOptions.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(VariantOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void the_extra_cpu_is_zero_unless_told_and_reads_fractions_of_a_millisecond() {
    String[] required = {"--db-url", "jdbc:postgresql://h/db", "--upstream-url", "http://h"};
    assertThat(VariantOptions.parse(required, Map.of()).extraCpu()).isZero();
    assertThat(VariantOptions.parse(required, Map.of("CAAS_EXTRA_CPU", "0.25ms")).extraCpu())
        .isEqualTo(Duration.ofMillis(1).dividedBy(4));
    assertThat(VariantOptions.parse(required, Map.of()).withDbPool(5).extraCpu()).isZero();
  }

  @Test
  void the_extra_cpu_burns_at_least_what_it_was_asked_on_the_calling_thread() {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadCpuTime();

    ExtraCpu.spin(Duration.ofMillis(20));

    assertThat(threads.getCurrentThreadCpuTime() - before).isGreaterThanOrEqualTo(20_000_000);
  }

  @Test
  void variants_parse_by_name_or_all() {
    assertThat(Variant.parseList("all")).hasSize(6);
    assertThat(Variant.parseList("sync-sequential,reactive-gathered"))
        .containsExactly(Variant.SYNC_SEQUENTIAL, Variant.REACTIVE_GATHERED);
    assertThat(Variant.REACTIVE_SEQUENTIAL.talkLabel()).isEqualTo("talk attempt 2");
    assertThatThrownBy(() -> Variant.parse("fast")).hasMessageContaining("sync-sequential");
  }
}
