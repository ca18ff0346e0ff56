package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmFlagsTest {

  @Test
  void warns_when_the_heap_is_not_pinned_nor_native_memory_tracked_nor_system_gc_full() {
    var flags = new JvmFlags(64 << 20, 16 << 20, false, "off", false, 1 << 20, 20);

    assertThat(flags.warnings())
        .hasSize(4)
        .anyMatch(w -> w.startsWith("heap not pinned"))
        .anyMatch(w -> w.contains("NativeMemoryTracking"));
    assertThat(flags.heapAfterGcIsExact()).isFalse();
  }
}
