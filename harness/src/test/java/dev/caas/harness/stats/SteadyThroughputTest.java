package dev.caas.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.harness.load.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyThroughputTest {

  @Test
  void the_middle_half_of_the_completions_gives_the_rate_and_ignores_a_slow_start() {
    var samples = new ArrayList<Sample>();
    // A cold first quarter (one answer every 10 ms), then one every millisecond.
    long t = 0;
    for (int i = 0; i < 400; i++) {
      t += i < 100 ? 10_000_000 : 1_000_000;
      samples.add(new Sample(i, 0, 0, t, 200, 1, "a.jpg", null, null));
    }

    assertThat(SteadyThroughput.of(samples)).isCloseTo(1000, within(5.0));
  }

  @Test
  void too_few_answers_give_no_figure() {
    assertThat(SteadyThroughput.of(List.of(new Sample(0, 0, 0, 1, 200, 1, "a.jpg", null, null))))
        .isNaN();
  }
}
