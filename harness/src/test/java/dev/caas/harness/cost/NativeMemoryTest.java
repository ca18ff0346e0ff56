package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

  /** The head of a real summary, JDK 25 (jcmd VM.native_memory summary), shortened. */
  private static final String SUMMARY =
      """
      Native Memory Tracking:

      (Omitting categories weighting less than 1KB)

      Total: reserved=1607695KB, committed=236111KB
             malloc: 36419KB #50147, peak=35538KB #50148
             mmap:   reserved=1571276KB, committed=199692KB

      -                 Java Heap (reserved=131072KB, committed=131072KB)
                                  (mmap: reserved=131072KB, committed=131072KB, at peak)

      -                    Thread (reserved=26712KB, committed=1748KB)
                                  (threads #26)
                                  (stack: reserved=26624KB, committed=1664KB, peak=1660KB)
                                  (malloc=60KB tag=Thread #158) (peak=68KB #162)
      """;

  @Test
  void reads_the_total_the_categories_and_the_thread_stacks() {
    NativeMemory nmt = NativeMemory.parse(SUMMARY).orElseThrow();

    assertThat(nmt.committedBytes()).isEqualTo(236111L * 1024);
    assertThat(nmt.reservedBytes()).isEqualTo(1607695L * 1024);
    assertThat(nmt.committed("Java Heap")).isEqualTo(131072L * 1024);
    assertThat(nmt.committed("Thread")).isEqualTo(1748L * 1024);
    assertThat(nmt.threads()).isEqualTo(26);
    assertThat(nmt.stackCommittedPerThread()).isEqualTo(1664L * 1024 / 26);
  }

  @Test
  void is_empty_when_tracking_is_off() {
    assertThat(NativeMemory.parse("Native memory tracking is not enabled")).isEmpty();
  }
}
