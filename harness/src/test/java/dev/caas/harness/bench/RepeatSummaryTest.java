package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Variant;
import dev.caas.harness.load.ScenarioPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepeatSummaryTest {
  private static final ScenarioPoint TALK = BenchConfig.builder().build().points().getFirst();

  @Test
  void the_median_of_medians_lies_inside_its_interval() {
    var runs = runs(Variant.SYNC_SEQUENTIAL, 300, 5, 0);

    RepeatSummary.Group group = RepeatSummary.of(runs).groups().getFirst();

    assertThat(group.runMedians()).hasSize(5);
    assertThat(group.medianOfMediansMs()).isBetween(group.lowMs(), group.highMs());
    assertThat(group.lowMs()).isLessThan(group.highMs());
    assertThat(group.medianOfMediansMs()).isCloseTo(300, within(15.0));
  }

  @Test
  void two_variants_drawn_from_the_same_latencies_are_within_noise() {
    var runs = new ArrayList<RunResult>();
    runs.addAll(runs(Variant.SYNC_SEQUENTIAL, 300, 5, 0));
    runs.addAll(runs(Variant.LOOM_SEQUENTIAL, 300, 5, 100));

    RepeatSummary.Difference difference = RepeatSummary.of(runs).differences().getFirst();

    assertThat(difference.withinNoise()).as("%s", difference).isTrue();
  }

  @Test
  void a_tenth_slower_is_a_real_difference_and_names_the_slower_one() {
    var runs = new ArrayList<RunResult>();
    runs.addAll(runs(Variant.SYNC_SEQUENTIAL, 330, 5, 0));
    runs.addAll(runs(Variant.LOOM_SEQUENTIAL, 300, 5, 100));

    RepeatSummary.Difference difference = RepeatSummary.of(runs).differences().getFirst();

    assertThat(difference.slower()).isEqualTo(Variant.SYNC_SEQUENTIAL);
    assertThat(difference.faster()).isEqualTo(Variant.LOOM_SEQUENTIAL);
    assertThat(difference.withinNoise()).as("%s", difference).isFalse();
    assertThat(difference.ratio()).isCloseTo(1.1, within(0.05));
    assertThat(difference.low()).isGreaterThan(1.0);
  }

  @Test
  void one_slow_run_among_three_widens_the_interval() {
    var steady = runs(Variant.SYNC_SEQUENTIAL, 300, 3, 0);
    var withAnOutlier = new ArrayList<>(runs(Variant.SYNC_SEQUENTIAL, 300, 2, 0));
    withAnOutlier.add(
        TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.lognormal(99, 90, 450), TALK, 3));

    RepeatSummary.Group narrow = RepeatSummary.of(steady).groups().getFirst();
    RepeatSummary.Group wide = RepeatSummary.of(withAnOutlier).groups().getFirst();

    assertThat(wide.highMs() - wide.lowMs()).isGreaterThan(2 * (narrow.highMs() - narrow.lowMs()));
  }

  @Test
  void the_resampled_median_rank_matches_a_brute_force_bootstrap() {
    double[] sorted = new double[101];
    Arrays.setAll(sorted, i -> i);
    double[] cdf = RepeatSummary.medianRankCdf(sorted);
    var random = new SplittableRandom(7);
    int[] atOrBelow = new int[sorted.length];
    int resamples = 20_000;
    for (int b = 0; b < resamples; b++) {
      double[] resample = new double[sorted.length];
      for (int i = 0; i < resample.length; i++) {
        resample[i] = sorted[random.nextInt(sorted.length)];
      }
      Arrays.sort(resample);
      atOrBelow[(int) resample[sorted.length / 2]]++;
    }
    double cumulative = 0;
    for (int j = 0; j < sorted.length; j++) {
      cumulative += atOrBelow[j] / (double) resamples;
      assertThat(cdf[j]).as("rank %d", j).isCloseTo(cumulative, within(0.03));
    }
  }

  @Test
  void the_normal_cdf_is_accurate() {
    assertThat(RepeatSummary.normalCdf(0)).isCloseTo(0.5, within(1e-7));
    assertThat(RepeatSummary.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
    assertThat(RepeatSummary.normalCdf(-1)).isCloseTo(0.158655, within(1e-6));
  }

  private static List<RunResult> runs(Variant variant, double medianMs, int count, long seed) {
    var runs = new ArrayList<RunResult>();
    for (int r = 1; r <= count; r++) {
      runs.add(TestRuns.run(variant, TestRuns.lognormal(seed + r, 90, medianMs), TALK, r));
    }
    return runs;
  }
}
