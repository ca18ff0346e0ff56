package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One child JVM, attached to once, for every test: each test measures the change its own commands
 * make, so the order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JvmMeterTest {

  private static final long MIB = 1024 * 1024;

  private ChildJvm child;
  private JvmMeter jvm;

  @BeforeAll
  void startAndAttach() throws Exception {
    // The flags a variant runs with in a scale run (see JvmFlags), at a small heap.
    child =
        ChildJvm.start(
            "-Xms128m",
            "-Xmx128m",
            "-XX:+AlwaysPreTouch",
            "-XX:+UseG1GC",
            "-XX:NativeMemoryTracking=summary");
    jvm = JvmMeter.attach(child.pid());
  }

  @AfterAll
  void detachAndStop() throws Exception {
    jvm.close();
    child.close();
  }

  @Test
  void heap_after_gc_rises_by_what_the_child_holds_and_falls_when_it_lets_go() throws Exception {
    long before = jvm.sample().heapAfterGcBytes();

    child.send("hold 64");
    long holding = jvm.sample().heapAfterGcBytes();
    child.send("release");
    long released = jvm.sample().heapAfterGcBytes();

    assertThat(holding - before).isCloseTo(64 * MIB, within(8 * MIB));
    assertThat(released - before).isCloseTo(0L, within(8 * MIB));
  }

  @Test
  void heap_after_gc_is_what_lived_through_the_collection_not_what_was_allocated_since()
      throws Exception {
    try (var busy =
        ChildJvm.start(
            "-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-XX:NativeMemoryTracking=summary")) {
      try (var busyJvm = JvmMeter.attach(busy.pid())) {
        long quiet = busyJvm.sample().heapAfterGcBytes();
        busy.send("churn");
        for (int i = 0; i < 5; i++) {
          assertThat(busyJvm.sample().heapAfterGcBytes() - quiet)
              .as("sample %d, the child allocating as fast as it can", i)
              .isLessThan(4 * MIB);
        }
      }
    }
  }

  @Test
  void a_window_sees_the_childs_allocation_its_collections_and_its_new_threads() throws Exception {
    jvm.start();
    child.send("allocate 1024");
    child.send("platform 5");
    JvmCost cost = jvm.stop();

    assertThat(cost.allocatedBytes()).isGreaterThanOrEqualTo(1024 * MIB);
    assertThat(cost.allocatedBytesPerRequest(1024)).isGreaterThanOrEqualTo(MIB);
    // 1 GiB through a 128 MiB heap cannot pass without young collections, none of them forced.
    assertThat(cost.gcPauses()).isPositive();
    assertThat(cost.gcNotificationsComplete()).isTrue();
    assertThat(cost.gcPauseMaxMillis()).isBetween(0L, cost.gcPauseTotalMillis());
    assertThat(cost.end().platformThreads() - cost.start().platformThreads()).isBetween(5, 8);
    assertThat(cost.peakPlatformThreads()).isGreaterThanOrEqualTo(cost.end().platformThreads());
    // The allocation loop is new code, compiled inside the window: a window without warm-up shows.
    assertThat(cost.jitMillis()).isPositive();
    assertThat(cost.toJsonFields(1024))
        .containsKeys("gcPauseMaxMs", "jitMs", "allocatedBytesPerRequest");
  }

  @Test
  void counts_virtual_threads_in_flight_and_the_depth_at_which_they_wait() throws Exception {
    ThreadCensus before = jvm.sample().threads();

    child.send("virtual 100 40");
    ThreadCensus after = jvm.sample().threads();

    assertThat(after.virtualThreads() - before.virtualThreads()).isEqualTo(100);
    assertThat(after.virtualStackFramesMedian()).isGreaterThan(40);
    assertThat(after.platformThreads()).isPositive();
  }

  @Test
  void native_memory_counts_the_stacks_of_new_platform_threads() throws Exception {
    NativeMemory before = jvm.sample().nativeMemory().orElseThrow();

    child.send("platform 50");
    NativeMemory after = jvm.sample().nativeMemory().orElseThrow();

    assertThat(after.threads() - before.threads()).isEqualTo(50);
    assertThat(after.threadStackCommittedBytes()).isGreaterThan(before.threadStackCommittedBytes());
    assertThat(after.committed("Java Heap")).isEqualTo(128 * MIB);
  }

  @Test
  void a_parked_platform_threads_committed_stack_is_within_twice_the_prediction() throws Exception {
    NativeMemory before = jvm.sample().nativeMemory().orElseThrow();

    child.send("platform 40");
    NativeMemory after = jvm.sample().nativeMemory().orElseThrow();

    long measuredPerThread =
        (after.threadStackCommittedBytes() - before.threadStackCommittedBytes()) / 40;
    // Thread.run, the lambda, parkAtDepth, LockSupport.park, Unsafe.park.
    var shape = HandlerShape.DEFAULT.withStackFrames(5).withFlagsOf(jvm.flags());
    long predicted =
        WaitingRequestCost.predictModelOnly(ConcurrencyModel.SYNC, shape)
            .largest(CostPart.Memory.NATIVE)
            .bytes();
    assertThat(measuredPerThread).isBetween(predicted / 2, predicted * 2);
  }

  @Test
  void a_parked_virtual_threads_heap_slope_is_within_twice_the_prediction() throws Exception {
    // A first thousand gets the recursion compiled: interpreted frames are about twice the size of
    // compiled ones, and a sweep measures a server after its warm-up.
    child.send("virtual 1000 40");
    List<InFlightSample> samples = new ArrayList<>();
    int parked = jvm.sample().threads().virtualThreads();
    JvmSample sample = jvm.sample();
    for (int step = 0; step < 3; step++) {
      samples.add(sample.atInFlight(sample.threads().virtualThreads() - parked));
      child.send("virtual 1000 40");
      sample = jvm.sample();
    }
    samples.add(sample.atInFlight(sample.threads().virtualThreads() - parked));

    var shape = HandlerShape.DEFAULT.withStackFrames(sample.threads().virtualStackFramesMedian());
    var predicted = WaitingRequestCost.predictModelOnly(ConcurrencyModel.LOOM, shape);
    var heap = CostComparison.of(predicted, MeasuredWaitingCost.fit(samples, true)).getFirst();
    assertThat(heap.measured().isReliable()).as(heap.explanation()).isTrue();
    assertThat(heap.gapOverTwice()).as(heap.explanation()).isFalse();
  }

  @Test
  void the_flags_of_a_measurable_jvm_raise_no_warning() {
    assertThat(jvm.flags().warnings()).isEmpty();
    assertThat(jvm.flags().maxHeapBytes()).isEqualTo(128 * MIB);
    assertThat(jvm.flags().threadStackBytes()).isEqualTo(1024 * 1024);
  }
}
