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

    double[] fitted =
        ProbedMachine.nonDecreasing(
            probes.stream().mapToDouble(ProbedMachine.Point::throughputPerSecond).toArray());

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

  @Test
  void at_the_pace_of_a_point_each_probe_is_scaled_by_its_own_pace_over_the_points() {
    // Measured here: 64 clients dipped to 302 rps while the pace job took 607 µs, the others ran
    // at 480 µs. The work per request did not change; the host ran slower.
    var probes =
        List.of(
            new ProbedMachine.Point(16, 280, 480),
            new ProbedMachine.Point(32, 380, 480),
            new ProbedMachine.Point(64, 302, 607),
            new ProbedMachine.Point(100, 400, 480));

    var asProbed = new ProbedMachine(probes);
    var atPointPace = asProbed.atPace(600);

    // As probed, 64 dips below 32 and the fit pools them; at one pace it does not dip.
    assertThat(asProbed.throughputAt(64)).isCloseTo((380 + 302) / 2.0, within(1e-9));
    assertThat(atPointPace.throughputAt(32)).isCloseTo(380 * 480 / 600.0, within(1e-9));
    assertThat(atPointPace.throughputAt(64)).isCloseTo(302 * 607 / 600.0, within(1e-9));
    assertThat(atPointPace.throughputAt(100)).isCloseTo(400 * 480 / 600.0, within(1e-9));
    assertThat(atPointPace.paced()).isTrue();
    assertThat(atPointPace.describe())
        .endsWith("at the host's pace of the point, 600 µs (probed at 480–607 µs)");
    assertThat(atPointPace).isNotEqualTo(asProbed).isEqualTo(asProbed.atPace(600));
  }

  @Test
  void a_machine_with_a_probe_whose_pace_was_not_timed_is_not_scaled() {
    var probes = List.of(new ProbedMachine.Point(1, 500, 480), probe(2, 900));

    var machine = new ProbedMachine(probes);

    assertThat(machine.atPace(960)).isSameAs(machine);
    assertThat(machine.paced()).isFalse();
    assertThatThrownBy(() -> new ProbedMachine.Point(1, 500, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> machine.atPace(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
