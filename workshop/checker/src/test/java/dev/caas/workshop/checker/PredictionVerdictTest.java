package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.cost.MeasuredWaitingCost;
import dev.caas.harness.cost.SlopeFit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of the prediction exercises, on synthetic measurements: a failing one says which
 * prediction is off, in which direction and roughly by how much, and never the measured figure (it
 * is the answer); a passing one shows the figures.
 */
class PredictionVerdictTest {

  @Test
  void a_miss_is_said_as_a_direction_and_a_coarse_band() {
    assertThat(Miss.describe(150, 58)).isEqualTo("more than 2× too high");
    assertThat(Miss.describe(1024, 58)).isEqualTo("more than 10× too high");
    assertThat(Miss.describe(10, 14)).isEqualTo("too low by 25–50 %");
    assertThat(Miss.describe(10, 17)).isEqualTo("too low by 50 % to 2×");
    assertThat(Miss.describe(0, 17)).isEqualTo("far too low");
  }

  @Test
  void a_failing_waiting_cost_verdict_says_how_far_off_but_not_the_measured_slopes() {
    String text = waitingCostVerdict(1, 1024, 0, 22);

    assertThat(text)
        .contains("FAIL")
        .contains("loom-sequential: platform threads held too high")
        .contains("KiB per waiting request more than 10× too high")
        .contains("reactive-sequential: platform threads held right")
        .doesNotContain("58")
        .doesNotContain("57.9")
        .doesNotContain("21")
        .doesNotContain("20.8");
  }

  @Test
  void a_passing_waiting_cost_verdict_shows_the_measured_slopes() {
    String text = waitingCostVerdict(0, 65, 0, 22);

    assertThat(text)
        .contains("PASS")
        .contains("heap 57.93 per request")
        .contains("measured 0.00 and 58 KiB");
  }

  @Test
  void a_failing_knee_verdict_says_which_predictions_are_off_but_not_what_was_measured() {
    String text = kneeVerdict(6, 300, 20, 300, 80, 300);

    assertThat(text)
        .contains("FAIL")
        .contains("3 of the 6 predictions")
        .contains("6 clients: throughput too high by 25–50 %, median right")
        .contains("24 clients: throughput more than 2× too high, median more than 2× too low")
        .doesNotContain("6.4")
        .doesNotContain("313")
        .doesNotContain("16/s")
        .doesNotContain("381")
        .doesNotContain("18/s")
        .doesNotContain("1348")
        .doesNotContain("1.35")
        .doesNotContain("database pool");
  }

  @Test
  void a_passing_knee_verdict_shows_what_was_measured() {
    String text = kneeVerdict(6.7, 300, 17, 350, 20, 1200);

    assertThat(text)
        .contains("PASS")
        .contains("6 clients: you predicted 17/s and 350 ms")
        .contains("2 clients: you predicted 6.7/s")
        .contains("median 381 ms")
        .contains("bottleneck: database pool");
  }

  @Test
  void a_failing_pool_verdict_gives_neither_the_measured_ceiling_nor_the_theory() {
    var starter = new PoolSizeGrader.Answer(100, 10);
    var givenPool = new PoolSizeGrader.Measured(4, 18.6, 1071);
    var starterPool = new PoolSizeGrader.Measured(10, 45.2, 441);

    String text =
        PoolSizeGrader.verdict("size-the-pool", "loom-gathered", starter, givenPool, starterPool)
            .text();

    assertThat(text)
        .contains("FAIL")
        .contains("question 1: your 100/s with a pool of 4 is more than 2× too high")
        .contains("question 2: with a pool of 10 the median was over the 300 ms target: too high")
        .doesNotContain("19/s")
        .doesNotContain("20/s")
        .doesNotContain("1071")
        .doesNotContain("441")
        .doesNotContain("45/s")
        .doesNotContain("50/s")
        .doesNotContain("2·L_d");
  }

  /** Three points as a busy two-core machine measured them (2026-12-05). */
  private static final List<KneeGrader.Measured> KNEE_MEASURED =
      List.of(
          new KneeGrader.Measured(2, 12, 6.37, 313.4, "clients"),
          new KneeGrader.Measured(6, 18, 15.51, 381.2, "database pool"),
          new KneeGrader.Measured(24, 72, 17.83, 1347.6, "database pool"));

  /** The verdict on predicted throughputs and medians at 2, 6 and 24 clients. */
  private static String kneeVerdict(
      double rps2, double ms2, double rps6, double ms6, double rps24, double ms24) {
    var predicted =
        List.of(
            new KneeGrader.Point(2, rps2, ms2),
            new KneeGrader.Point(6, rps6, ms6),
            new KneeGrader.Point(24, rps24, ms24));
    return KneeGrader.verdict("predict-the-knee", "sync-sequential", predicted, KNEE_MEASURED)
        .text();
  }

  /** The predictions against loom's 57.93 and reactive's 20.78 KiB of heap per waiting request. */
  private static String waitingCostVerdict(
      double loomThreads, double loomKib, double reactiveThreads, double reactiveKib) {
    var predictions =
        List.of(
            new WaitingCostGrader.Prediction(Variant.LOOM_SEQUENTIAL, loomThreads, loomKib),
            new WaitingCostGrader.Prediction(
                Variant.REACTIVE_SEQUENTIAL, reactiveThreads, reactiveKib));
    var measured =
        List.of(
            measured(Variant.LOOM_SEQUENTIAL, 57.93), measured(Variant.REACTIVE_SEQUENTIAL, 20.78));
    return WaitingCostGrader.verdict("what-a-wait-costs", predictions, measured).text();
  }

  /** No platform thread held, {@code heapKib} of heap per request, no resident memory in a line. */
  private static WaitingCostGrader.Measured measured(Variant variant, double heapKib) {
    var none = new SlopeFit(0, 0, Double.NaN, 3, 0);
    var heap = new SlopeFit(heapKib * 1024, 100e6, 1.0, 3, 10);
    var resident = new SlopeFit(5 * 1024, 300e6, 0.5, 3, 2000);
    return new WaitingCostGrader.Measured(
        variant, none, new MeasuredWaitingCost(heap, resident, true));
  }
}
