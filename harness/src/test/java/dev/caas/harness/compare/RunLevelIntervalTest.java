package dev.caas.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The interval the gate puts on figures each JVM gives once (CPU per request, allocation,
 * throughput at saturation), on made-up runs whose truth is known.
 */
class RunLevelIntervalTest {
  private static final double THRESHOLD = 0.05;

  @Test
  void two_runs_a_side_that_happen_to_fall_apart_are_not_a_regression() {
    // The gate's benchmark saw this: the same jar, both head JVMs above both base JVMs by 12 %.
    Bootstrap.Interval interval =
        RunLevelInterval.ratio(new double[] {2.68, 2.92}, new double[] {3.23, 3.07}, 0.95);

    assertThat(interval.low()).isLessThan(1);
    assertThat(verdict(interval)).isEqualTo(Verdict.SAME);
  }

  @Test
  void a_millisecond_more_cpu_on_three_runs_a_side_is_slower() {
    Bootstrap.Interval interval =
        RunLevelInterval.ratio(
            new double[] {1.01, 1.20, 1.48}, new double[] {2.05, 2.31, 2.12}, 0.95);

    assertThat(interval.low()).isGreaterThan(1 + THRESHOLD);
    assertThat(verdict(interval)).isEqualTo(Verdict.SLOWER);
  }

  @Test
  void one_run_a_side_has_no_spread_to_judge_by_and_is_never_slower() {
    Bootstrap.Interval interval =
        RunLevelInterval.ratio(new double[] {1.0}, new double[] {3.0}, 0.95);

    assertThat(interval.high()).isInfinite();
    assertThat(verdict(interval)).isEqualTo(Verdict.SAME);
  }

  @Test
  void identical_runs_give_the_ratio_itself() {
    Bootstrap.Interval interval =
        RunLevelInterval.ratio(new double[] {2, 2}, new double[] {3, 3}, 0.95);

    assertThat(interval.low()).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(interval.high()).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  /**
   * The property the gate needs: a build against itself, JVMs spread ±15 % (log-normal, as measured
   * here), two or three runs a side, excludes 1 from its 95 % interval at most about 5 % of the
   * time (Welch's degrees of freedom err on the safe side with so few runs: about 2 % with two) —
   * not the one time in ten or more that the range of so few runs gives, which is what resampling
   * their means amounts to.
   */
  @Test
  void the_same_build_against_itself_is_outside_the_interval_at_most_five_times_in_a_hundred() {
    var random = new Random(42);
    for (int runs : new int[] {2, 3}) {
      int trials = 4000;
      int excluded = 0;
      int excludedByRange = 0;
      for (int t = 0; t < trials; t++) {
        double[] base = jvms(random, runs);
        double[] head = jvms(random, runs);
        Bootstrap.Interval interval = RunLevelInterval.ratio(base, head, 0.95);
        if (interval.low() > 1 || interval.high() < 1) {
          excluded++;
        }
        // What resampling the runs' means amounts to with so few: the interval is the range.
        if (min(head) / max(base) > 1 || max(head) / min(base) < 1) {
          excludedByRange++;
        }
      }
      assertThat(excluded / (double) trials).as("runs a side: %d", runs).isBetween(0.01, 0.06);
      assertThat(excludedByRange / (double) trials).as("runs a side: %d", runs).isGreaterThan(0.09);
    }
  }

  private static double[] jvms(Random random, int runs) {
    double[] figures = new double[runs];
    for (int i = 0; i < runs; i++) {
      figures[i] = 3.0 * Math.exp(0.15 * random.nextGaussian());
    }
    return figures;
  }

  private static double min(double[] values) {
    return java.util.Arrays.stream(values).min().orElseThrow();
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElseThrow();
  }

  private static Verdict verdict(Bootstrap.Interval interval) {
    return Verdict.of(false, interval.low(), interval.high(), THRESHOLD);
  }
}
