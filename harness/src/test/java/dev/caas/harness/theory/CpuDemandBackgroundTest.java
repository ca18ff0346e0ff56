package dev.caas.harness.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service demand law's intercept as a background that takes its share of the cores first. */
class CpuDemandBackgroundTest {

  @Test
  void a_line_with_an_intercept_is_a_demand_and_a_background() {
    // U = 300 ms/s + 1.5 ms × X: 0.3 cores busy whatever the load.
    var points =
        List.of(
            new CpuDemand.Utilisation(10, 315),
            new CpuDemand.Utilisation(100, 450),
            new CpuDemand.Utilisation(400, 900),
            new CpuDemand.Utilisation(900, 1650));

    CpuDemand demand = CpuDemand.fromUtilisation(points).orElseThrow();

    assertThat(demand.millis()).isCloseTo(1.5, offset(0.01));
    assertThat(demand.backgroundCores()).isCloseTo(0.3, offset(0.01));
    // Two cores less 0.3 serve 1.7 / 1.5 ms ≈ 1,133 requests a second: the ceiling the centre gets.
    double ceiling = 2 / (demand.onCores(2).toNanos() / 1e9);
    assertThat(ceiling).isCloseTo(1133, offset(5.0));
  }

  @Test
  void the_jit_compiling_through_a_window_takes_its_cores_from_the_requests_too() {
    var measured = new CpuDemand(Duration.ofNanos(1_500_000), "measured", 0.3);

    CpuDemand atPoint = measured.whileCompiling(0.4);

    // Two cores less 0.3 of background and 0.4 of JIT serve 1.3 / 1.5 ms ≈ 867 requests a second.
    double ceiling = 2 / (atPoint.onCores(2).toNanos() / 1e9);
    assertThat(ceiling).isCloseTo(867, offset(2.0));
    assertThat(atPoint.perRequest()).isEqualTo(measured.perRequest());
    assertThat(atPoint.describe()).contains("JIT taking 0.40 cores");
    // Another point's JIT replaces it rather than adding to it; none leaves the measured demand.
    assertThat(atPoint.whileCompiling(0.1).jitCores()).isEqualTo(0.1);
    assertThat(measured.whileCompiling(0).onCores(2)).isEqualTo(measured.onCores(2));
  }

  @Test
  void an_estimate_has_no_background_and_keeps_its_demand() {
    CpuDemand estimate = new CpuDemand(Duration.ofMillis(4), "estimate");

    assertThat(estimate.backgroundCores()).isZero();
    assertThat(estimate.onCores(2)).isEqualTo(Duration.ofMillis(4));
  }

  @Test
  void points_that_do_not_fit_a_line_give_the_demand_at_the_busiest_of_them() {
    // Per-request CPU falling with load: 6 ms at 80 rps, 1.6 ms at 1,000 rps.
    var points =
        List.of(
            new CpuDemand.Utilisation(10, 100),
            new CpuDemand.Utilisation(80, 480),
            new CpuDemand.Utilisation(300, 950),
            new CpuDemand.Utilisation(1000, 1600),
            new CpuDemand.Utilisation(950, 1650));

    CpuDemand busiest = CpuDemand.atBusiestPoint(points).orElseThrow();

    assertThat(busiest.millis()).isCloseTo(1.6, offset(0.001));
    assertThat(busiest.source()).contains("busiest point (1000 rps)");
    assertThat(CpuDemand.atBusiestPoint(List.of())).isEmpty();
  }
}
