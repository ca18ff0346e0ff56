package dev.caas.harness.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbedMachineTest {

  private static ProbedMachine.Point probe(int clients, double throughput) {
    return new ProbedMachine.Point(clients, throughput);
  }

  @Test
  void the_populations_probed_double_up_to_the_largest_which_is_always_probed() {
    assertThat(ProbedMachine.populations(1)).containsExactly(1);
    assertThat(ProbedMachine.populations(8)).containsExactly(1, 2, 4, 8);
    assertThat(ProbedMachine.populations(1000))
        .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000);
  }

  @Test
  void between_probes_the_throughput_is_interpolated_in_log_n_and_flat_past_the_last() {
    var machine = new ProbedMachine(List.of(probe(4, 800), probe(1, 600), probe(16, 1_200)));

    assertThat(machine.throughputAt(1)).isEqualTo(600);
    assertThat(machine.throughputAt(2)).isCloseTo(700, within(1e-9));
    assertThat(machine.throughputAt(8)).isCloseTo(1_000, within(1e-9));
    assertThat(machine.throughputAt(16)).isEqualTo(1_200);
    assertThat(machine.throughputAt(1_000)).isEqualTo(1_200);
    assertThat(machine.ceilingPerSecond()).isEqualTo(1_200);
    assertThat(machine.aloneSeconds()).isCloseTo(1 / 600.0, within(1e-12));
    assertThat(machine.speedUp(16)).isCloseTo(2, within(1e-12));
  }

  @Test
  void below_the_first_probe_the_machine_serves_in_proportion_to_its_requests() {
    var machine = new ProbedMachine(List.of(probe(4, 800)));

    assertThat(machine.throughputAt(1)).isEqualTo(200);
    assertThat(machine.throughputAt(2)).isEqualTo(400);
    assertThat(machine.throughputAt(9)).isEqualTo(800);
  }

  @Test
  void a_probe_that_dips_below_a_smaller_population_is_pooled_with_its_neighbours() {
    // Measured here (Loom, two cores): 64 and 128 clients dipped below 32 during a short probe.
    var probes =
        List.of(
            probe(16, 1_375), probe(32, 1_513), probe(64, 981), probe(128, 804), probe(256, 1_536));

    double[] fitted = ProbedMachine.nonDecreasing(probes);

    // 1,513, 981 and 804 pool to their mean, 1,099, which is below 1,375: that joins them too.
    // The closest non-decreasing sequence in least squares.
    double pooled = (1_375 + 1_513 + 981 + 804) / 4.0;
    assertThat(fitted)
        .containsExactly(new double[] {pooled, pooled, pooled, pooled, 1_536}, within(1e-9));
    var machine = new ProbedMachine(probes);
    assertThat(machine.throughputAt(64)).isCloseTo(pooled, within(1e-9));
    assertThat(machine.points())
        .extracting(ProbedMachine.Point::throughputPerSecond)
        .containsExactly(1_375.0, 1_513.0, 981.0, 804.0, 1_536.0);
  }

  @Test
  void a_probe_without_clients_or_throughput_or_twice_at_one_population_is_refused() {
    assertThatThrownBy(() -> probe(0, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> probe(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> probe(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProbedMachine(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProbedMachine(List.of(probe(2, 100), probe(2, 200))))
        .hasMessageContaining("two probes at 2 clients");
  }
}
