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
    assertThat(Sql.jdbc(Sql.INSERT_BILLING)).isEqualTo("INSERT INTO billing_event(request_id, filename) VALUES (?, ?)");
  }

  @Test
  void seed_has_a_dozen_distinct_valid_files_with_names() {
    assertThat(SeedDogs.ALL).hasSizeGreaterThanOrEqualTo(12);
    assertThat(SeedDogs.ALL).extracting(SeedDogs.Dog::filename).doesNotHaveDuplicates().allMatch(Filenames::isValid);
    assertThat(SeedDogs.ALL).extracting(SeedDogs.Dog::name).allMatch(n -> Filenames.safeDisplayName(n).equals(n));
  }

  @Test
  void filenames_that_could_carry_a_path_quote_or_header_break_are_refused() {
    for (String bad : new String[] {"../etc/passwd.jpg", "a\"b.jpg", "a\r\nX-Evil: 1.jpg", "x.jpg'; DROP TABLE dog;--",
        "", "dog.png", "a..b.jpg"}) {
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
    assertThat(json).isEqualTo(
        "{\"error\":\"bad \\\"thing\\\"\\n\",\"step\":\"name\",\"requestId\":\"00000000-0000-0000-0000-000000000001\"}");
  }

  @Test
  void health_reports_unbounded_limits_as_null() {
    assertThat(Health.json(Variant.LOOM_GATHERED, true, new Limits(null, 20, null, null)))
        .isEqualTo("{\"variant\":\"loom-gathered\",\"ready\":true,"
            + "\"limits\":{\"serverThreads\":null,\"dbPool\":20,\"httpConnections\":null,\"executorThreads\":null}}");
  }

  @Test
  void options_come_from_arguments_then_environment_then_defaults() {
    var options = VariantOptions.parse(
        new String[] {"--variant", "sync-gathered", "--port=0", "--upstream-url", "http://127.0.0.1:9"},
        Map.of("CAAS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?ssl=false", "CAAS_DB_POOL", "7"));
    assertThat(options.composition()).isEqualTo(Variant.Composition.GATHERED);
    assertThat(options.port()).isZero();
    assertThat(options.dbPool()).isEqualTo(7);
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.r2dbcUrl()).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/postgres");
    assertThat(options.deadline()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a_missing_required_option_is_named() {
    assertThatThrownBy(() -> VariantOptions.parse(new String[] {"--upstream-url", "http://x"}, Map.of()))
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
  void variants_parse_by_name_or_all() {
    assertThat(Variant.parseList("all")).hasSize(6);
    assertThat(Variant.parseList("sync-sequential,reactive-gathered"))
        .containsExactly(Variant.SYNC_SEQUENTIAL, Variant.REACTIVE_GATHERED);
    assertThat(Variant.REACTIVE_SEQUENTIAL.talkLabel()).isEqualTo("talk attempt 2");
    assertThatThrownBy(() -> Variant.parse("fast")).hasMessageContaining("sync-sequential");
  }
}
