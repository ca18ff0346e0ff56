package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostComparisonTest {

  private static final long BASE = 200L << 20;

  /** A sweep whose heap and RSS grow by exactly these bytes per request in flight. */
  private static MeasuredWaitingCost sweep(double heapPerRequest, double rssPerRequest) {
    List<InFlightSample> samples =
        List.of(500L, 1_000L, 2_000L, 5_000L).stream()
            .map(
                n ->
                    new InFlightSample(
                        n,
                        BASE + (long) (heapPerRequest * n),
                        2 * BASE + (long) (rssPerRequest * n)))
            .toList();
    return MeasuredWaitingCost.fit(samples, true);
  }

  @Test
  void a_measurement_within_twice_the_prediction_is_no_gap() {
    var loom = WaitingRequestCost.predict(ConcurrencyModel.LOOM, HandlerShape.DEFAULT);

    var heap = CostComparison.of(loom, sweep(1.5 * loom.heapBytes(), 0)).getFirst();

    assertThat(heap.measure()).isEqualTo("heap after GC");
    assertThat(heap.ratio()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-3));
    assertThat(heap.gapOverTwice()).isFalse();
    assertThat(heap.explanation()).contains("Within 2×");
  }

  @Test
  void a_gap_over_twice_is_explained_with_the_models_suspects_and_its_largest_part() {
    var sync = WaitingRequestCost.predict(ConcurrencyModel.SYNC, HandlerShape.DEFAULT);

    var rss = CostComparison.of(sync, sweep(sync.heapBytes(), 4 * sync.nativeBytes())).getLast();

    assertThat(rss.measure()).isEqualTo("RSS");
    assertThat(rss.gapOverTwice()).isTrue();
    assertThat(rss.toJsonFields()).containsEntry("gapOverTwice", true).containsKey("explanation");
    assertThat(rss.explanation())
        .contains("4.0×")
        .contains("stack page it ever touched")
        .contains("platform thread stack, committed");
  }

  @Test
  void a_measurement_far_below_the_prediction_names_shared_state_and_small_frames() {
    var reactive = WaitingRequestCost.predict(ConcurrencyModel.REACTIVE, HandlerShape.DEFAULT);

    var heap = CostComparison.of(reactive, sweep(reactive.heapBytes() / 4.0, 0)).getFirst();

    assertThat(heap.gapOverTwice()).isTrue();
    assertThat(heap.explanation()).contains("what requests share");
  }

  @Test
  void a_line_that_does_not_explain_its_points_is_not_compared() {
    var loom = WaitingRequestCost.predict(ConcurrencyModel.LOOM, HandlerShape.DEFAULT);
    var noisy =
        MeasuredWaitingCost.fit(
            List.of(
                new InFlightSample(500, BASE + (40L << 20), BASE),
                new InFlightSample(1_000, BASE, BASE),
                new InFlightSample(2_000, BASE + (50L << 20), BASE),
                new InFlightSample(5_000, BASE + (10L << 20), BASE)),
            true);

    var heap = CostComparison.of(loom, noisy).getFirst();

    assertThat(heap.measured().isReliable()).isFalse();
    assertThat(heap.explanation()).contains("Not a measurement");
  }
}
