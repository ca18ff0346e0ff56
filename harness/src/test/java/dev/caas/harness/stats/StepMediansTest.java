package dev.caas.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.load.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepMediansTest {

  @Test
  void each_step_gets_the_median_of_its_durations_in_request_order() {
    var samples =
        List.of(
            timed(
                0,
                "name;start=100.0;dur=103, billing;start=100.0;dur=101, upstream;start=0.0;dur=100, total;dur=203"),
            timed(
                1,
                "upstream;start=0.0;dur=110, billing;start=110.0;dur=99, name;start=110.0;dur=100, total;dur=210"),
            timed(
                2,
                "upstream;start=0.0;dur=120, billing;start=120.0;dur=105, name;start=120.0;dur=101, total;dur=225"));

    var medians = StepMedians.of(samples);

    assertThat(medians)
        .containsExactly(
            Map.entry("upstream", 110.0),
            Map.entry("billing", 101.0),
            Map.entry("name", 101.0),
            Map.entry("total", 210.0));
  }

  @Test
  void failed_requests_and_unreadable_headers_are_left_out() {
    var samples =
        List.of(
            timed(0, "upstream;dur=100"),
            timed(1, "upstream;dur=not-a-number"),
            new Sample(2, 0, 0, 1, 502, 0, null, "upstream;dur=900", null));

    assertThat(StepMedians.of(samples)).containsExactly(Map.entry("upstream", 100.0));
  }

  @Test
  void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    assertThat(StepMedians.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  private static Sample timed(int index, String serverTiming) {
    return new Sample(index, 0, 0, 1_000_000, 200, 100, "a.jpg", serverTiming, null);
  }
}
