package dev.caas.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkipTest {
  @Test
  void a_whole_area_is_skipped_with_the_default_reason() {
    assertThat(Skip.parse("faults"))
        .isEqualTo(new Skip(Area.FAULTS, "", "declared by the implementation"));
  }

  @Test
  void a_test_is_named_by_the_start_of_its_method_name_or_its_parameter() {
    var skip = Skip.parse("abuse/a_client_that_leaves=Hypercorn does not tell");
    assertThat(skip.reason()).isEqualTo("Hypercorn does not tell");
    assertThat(skip.covers(Area.ABUSE, "a_client_that_leaves_before_its_answer_is_not_billed", ""))
        .isTrue();
    assertThat(
            skip.covers(Area.SERVICE, "a_client_that_leaves_before_its_answer_is_not_billed", ""))
        .isFalse();
    assertThat(skip.covers(Area.ABUSE, "a_silent_connection_is_closed_at_the_idle_timeout", ""))
        .isFalse();
    assertThat(
            Skip.parse("faults/POSTGRES_LATENCY")
                .covers(Area.FAULTS, "a_fault_is_answered", "[6] POSTGRES_LATENCY"))
        .isTrue();
  }

  @Test
  void an_unknown_area_names_the_known_ones() {
    assertThatThrownBy(() -> Skip.parse("speed/fast"))
        .hasMessageContaining("service, shape, faults, abuse");
  }
}
