package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOrderTest {

  @Test
  void repeated_runs_take_turns_instead_of_running_back_to_back() {
    var slots =
        RunOrder.interleaved(
            List.of(Variant.SYNC_SEQUENTIAL, Variant.LOOM_SEQUENTIAL, Variant.REACTIVE_GATHERED),
            2);

    assertThat(slots)
        .containsExactly(
            new RunOrder.Slot(Variant.SYNC_SEQUENTIAL, 1),
            new RunOrder.Slot(Variant.LOOM_SEQUENTIAL, 1),
            new RunOrder.Slot(Variant.REACTIVE_GATHERED, 1),
            new RunOrder.Slot(Variant.SYNC_SEQUENTIAL, 2),
            new RunOrder.Slot(Variant.LOOM_SEQUENTIAL, 2),
            new RunOrder.Slot(Variant.REACTIVE_GATHERED, 2));
  }

  @Test
  void one_repetition_is_the_variants_in_order() {
    assertThat(RunOrder.interleaved(List.of(Variant.LOOM_GATHERED, Variant.SYNC_GATHERED), 1))
        .extracting(RunOrder.Slot::variant)
        .containsExactly(Variant.LOOM_GATHERED, Variant.SYNC_GATHERED);
  }
}
