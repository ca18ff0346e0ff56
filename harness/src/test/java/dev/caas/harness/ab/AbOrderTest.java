package dev.caas.harness.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbOrderTest {

  @Test
  void base_and_head_take_turns_and_neither_always_goes_first() {
    List<AbOrder.Slot> slots = AbOrder.interleaved("base", "head", 3);

    assertThat(slots)
        .extracting(AbOrder.Slot::build)
        .containsExactly("base", "head", "head", "base", "base", "head");
    assertThat(slots).extracting(AbOrder.Slot::position).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void each_build_gets_repeat_fresh_jvms_numbered_from_one() {
    List<AbOrder.Slot> slots = AbOrder.interleaved("base", "head", 2);

    assertThat(slots.stream().filter(s -> s.build().equals("base")))
        .extracting(AbOrder.Slot::repetition)
        .containsExactly(1, 2);
    assertThat(slots.stream().filter(s -> s.build().equals("head")))
        .extracting(AbOrder.Slot::repetition)
        .containsExactly(1, 2);
  }

  @Test
  void no_run_at_all_is_refused() {
    assertThatThrownBy(() -> AbOrder.interleaved("base", "head", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
