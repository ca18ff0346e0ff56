package dev.caas.harness.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caas.harness.queueing.UniversalScalabilityLaw.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UniversalScalabilityLawTest {

  private static final double LAMBDA = 50;
  private static final double SIGMA = 0.08;
  private static final double KAPPA = 0.0005;
  private static final List<Integer> SWEEP =
      List.of(1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256);

  /** The law's curve at the sweep's points, plus Gaussian noise of {@code noise} requests/s. */
  private static List<Point> synthetic(double noise, long seed) {
    var random = new Random(seed);
    var points = new ArrayList<Point>();
    for (int n : SWEEP) {
      double x = UniversalScalabilityLaw.throughput(LAMBDA, SIGMA, KAPPA, n);
      points.add(new Point(n, x + noise * random.nextGaussian()));
    }
    return points;
  }

  @Test
  void recovers_lambda_sigma_and_kappa_from_noiseless_throughput() {
    var fit = UniversalScalabilityLaw.fit(synthetic(0, 1));
    assertThat(fit.lambda().value()).isCloseTo(LAMBDA, within(1e-6));
    assertThat(fit.sigma().value()).isCloseTo(SIGMA, within(1e-8));
    assertThat(fit.kappa().value()).isCloseTo(KAPPA, within(1e-10));
    assertThat(fit.peakConcurrency()).isCloseTo(Math.sqrt((1 - SIGMA) / KAPPA), within(1e-3));
  }

  @Test
  void known_sigma_and_kappa_lie_within_their_confidence_intervals() {
    var fit = UniversalScalabilityLaw.fit(synthetic(2, 7));
    assertThat(fit.lambda().contains(LAMBDA)).as("%s", fit.lambda()).isTrue();
    assertThat(fit.sigma().contains(SIGMA)).as("%s", fit.sigma()).isTrue();
    assertThat(fit.kappa().contains(KAPPA)).as("%s", fit.kappa()).isTrue();
    assertThat(fit.residualStandardError()).isBetween(1.0, 4.0);
  }

  /** A 95 % interval that covers the truth 60 % or 100 % of the time is mis-sized. */
  @Test
  void the_intervals_cover_the_truth_about_ninety_five_times_in_a_hundred() {
    int replications = 200;
    int sigmaCovered = 0;
    int kappaCovered = 0;
    for (long seed = 0; seed < replications; seed++) {
      var fit = UniversalScalabilityLaw.fit(synthetic(2, seed));
      sigmaCovered += fit.sigma().contains(SIGMA) ? 1 : 0;
      kappaCovered += fit.kappa().contains(KAPPA) ? 1 : 0;
    }
    assertThat(sigmaCovered / (double) replications).isBetween(0.89, 0.99);
    assertThat(kappaCovered / (double) replications).isBetween(0.89, 0.99);
  }

  @Test
  void a_linear_sweep_has_no_contention_and_no_coherency_cost() {
    var linear = SWEEP.stream().map(n -> new Point(n, 10.0 * n)).toList();
    var fit = UniversalScalabilityLaw.fit(linear);
    assertThat(fit.lambda().value()).isCloseTo(10, within(1e-6));
    assertThat(fit.sigma().value()).isCloseTo(0, within(1e-9));
    assertThat(fit.kappa().value()).isCloseTo(0, within(1e-12));
    assertThat(fit.peakConcurrency()).isInfinite();
  }

  @Test
  void three_points_cannot_fit_three_parameters() {
    var three = List.of(new Point(1, 10), new Point(2, 19), new Point(4, 30));
    assertThatThrownBy(() -> UniversalScalabilityLaw.fit(three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("four points");
  }
}
