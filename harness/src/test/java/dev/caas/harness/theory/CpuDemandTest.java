package dev.caas.harness.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.harness.theory.CpuDemand.Utilisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuDemandTest {

  @Test
  void the_demand_is_the_slope_of_cpu_against_throughput_not_one_points_cpu_per_request() {
    // 4 ms per request, and 300 ms of CPU a second that the rig burns whatever the load
    var points =
        List.of(new Utilisation(10, 340), new Utilisation(50, 500), new Utilisation(200, 1_100));

    CpuDemand demand = CpuDemand.fromUtilisation(points).orElseThrow();

    assertThat(demand.millis()).isCloseTo(4.0, within(0.01));
    assertThat(demand.source()).startsWith("measured").contains("3 points");
    // the lowest point's CPU over its requests would have said 34 ms
    assertThat(points.getFirst().cpuMillisPerSecond() / points.getFirst().throughputRps())
        .isGreaterThan(8 * demand.millis());
  }

  @Test
  void fewer_than_three_points_or_a_line_that_does_not_fit_measure_nothing() {
    assertThat(
            CpuDemand.fromUtilisation(List.of(new Utilisation(10, 340), new Utilisation(50, 500))))
        .isEmpty();
    assertThat(
            CpuDemand.fromUtilisation(
                List.of(
                    new Utilisation(10, 900),
                    new Utilisation(50, 200),
                    new Utilisation(100, 950),
                    new Utilisation(200, 300))))
        .isEmpty();
  }
}
