package dev.caas.harness.cost;

import static dev.caas.harness.cost.ConcurrencyModel.LOOM;
import static dev.caas.harness.cost.ConcurrencyModel.REACTIVE;
import static dev.caas.harness.cost.ConcurrencyModel.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitingRequestCostTest {

  private static final HandlerShape SHAPE = HandlerShape.DEFAULT;

  @Test
  void a_platform_thread_costs_the_pages_it_touched_not_the_stack_it_reserved() {
    var sync = WaitingRequestCost.predict(SYNC, SHAPE);
    var stack = sync.largest(CostPart.Memory.NATIVE);

    assertThat(stack.what()).contains("stack");
    assertThat(stack.bytes() % SHAPE.pageBytes()).isZero();
    assertThat(stack.bytes())
        .isGreaterThan(SHAPE.stackShadowPages() * SHAPE.pageBytes())
        .isLessThan(1024 * 1024);
    // As many more frames as fill one page (64 of 64 bytes) commit exactly one more page.
    int framesPerPage = (int) (SHAPE.pageBytes() / SHAPE.bytesPerFrame());
    long deeper =
        WaitingRequestCost.predict(SYNC, SHAPE.withStackFrames(SHAPE.stackFrames() + framesPerPage))
            .nativeBytes();
    assertThat(deeper - sync.nativeBytes()).isEqualTo(SHAPE.pageBytes());
  }

  @Test
  void a_virtual_threads_stack_is_on_the_heap_and_grows_frame_by_frame() {
    var loom = WaitingRequestCost.predict(LOOM, SHAPE);
    var deeper = WaitingRequestCost.predict(LOOM, SHAPE.withStackFrames(SHAPE.stackFrames() + 10));

    assertThat(loom.nativeBytes()).isZero();
    assertThat(deeper.heapBytes() - loom.heapBytes()).isEqualTo(10L * SHAPE.bytesPerFrame());
  }

  @Test
  void a_reactive_request_holds_no_stack_and_no_buffer_while_it_waits() {
    var reactive = WaitingRequestCost.predict(REACTIVE, SHAPE);

    assertThat(reactive.parts()).noneMatch(p -> p.what().contains("stack"));
    assertThat(reactive.nativeBytes()).isZero();
    assertThat(reactive.toJsonFields())
        .hasSize(reactive.parts().size())
        .allSatisfy(part -> assertThat(part).containsKeys("what", "bytes", "memory", "basis"));
  }

  @Test
  void sync_costs_most_per_waiting_request_then_loom_then_reactive() {
    long sync = WaitingRequestCost.predict(SYNC, SHAPE).totalBytes();
    long loom = WaitingRequestCost.predict(LOOM, SHAPE).totalBytes();
    long reactive = WaitingRequestCost.predict(REACTIVE, SHAPE).totalBytes();

    assertThat(sync).isGreaterThan(2 * loom);
    assertThat(loom).isGreaterThan(reactive);
  }

  @Test
  void the_model_alone_leaves_out_the_server_and_client_state_every_model_has() {
    var loom = WaitingRequestCost.predict(LOOM, SHAPE);
    var threadOnly = WaitingRequestCost.predictModelOnly(LOOM, SHAPE);

    assertThat(loom.parts()).containsAll(threadOnly.parts());
    assertThat(threadOnly.parts()).noneMatch(p -> p.what().contains("Jetty"));
  }

  @Test
  void a_variants_name_says_its_model() {
    assertThat(ConcurrencyModel.ofVariant("loom-gathered")).isEqualTo(LOOM);
    assertThat(ConcurrencyModel.ofVariant("reactive-sequential")).isEqualTo(REACTIVE);
  }
}
