package dev.caas.harness.queueing;

import static dev.caas.harness.queueing.SimulationAgreementTest.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Variant.Composition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VariantNetworkTest {

  /**
   * The project's defaults: 32 server threads, 20 connections, gathered steps on 2 × 32 threads.
   */
  private static VariantNetwork sync(Composition composition, int upstreamMs, int dbMs) {
    return network(composition, upstreamMs, dbMs)
        .serverThreads(32)
        .dbPool(20)
        .gatherExecutor(composition == Composition.GATHERED ? 64 : null)
        .build();
  }

  @Test
  void a_probed_machine_takes_the_cpu_centres_place_and_is_the_ceiling_it_was_probed_at() {
    var machine =
        new ProbedMachine(
            List.of(
                new ProbedMachine.Point(1, 500),
                new ProbedMachine.Point(16, 1_500),
                new ProbedMachine.Point(256, 2_000)));
    VariantNetwork loom =
        network(Composition.SEQUENTIAL, 100, 0)
            .dbPool(20)
            .cpuDemand(Duration.ofMillis(5))
            .cores(2)
            .machine(machine)
            .build();

    assertThat(loom.stations()).extracting(Station::name).containsExactly("upstream", "machine");
    assertThat(loom.aloneSeconds()).isCloseTo(0.1 + 1 / 500.0, within(1e-12));
    var curve = loom.curve(List.of(1, 100, 1_000));
    assertThat(curve.get(0).meanSeconds()).isCloseTo(0.102, within(1e-12));
    // Far past the knee: the machine at its ceiling, every other client waiting there.
    assertThat(curve.get(2).throughputPerSecond()).isCloseTo(2_000, within(1.0));
    assertThat(curve.get(2).bottleneck().centre()).isEqualTo("machine");
    assertThat(curve.get(2).ceiling().throughputPerSecond()).isEqualTo(2_000);
    assertThat(curve.get(2).medianSeconds()).isCloseTo(0.5, within(0.01));
  }

  @Test
  void an_open_loop_at_a_machine_probed_flat_is_an_m_m_1_queue() {
    // Probed flat at 1,000 a second: one request is served at that rate, and so are many.
    var machine = new ProbedMachine(List.of(new ProbedMachine.Point(1, 1_000)));
    VariantNetwork variant = network(Composition.SEQUENTIAL, 100, 0).machine(machine).build();

    Prediction open = variant.prediction(800.0);

    assertThat(open.meanSeconds()).isCloseTo(0.1 + 1 / (1_000.0 - 800), within(1e-9));
    assertThat(variant.prediction(1_000.0).overloaded()).isTrue();
  }

  @Test
  void the_talk_is_limited_by_its_ten_clients() {
    Prediction talk = sync(Composition.SEQUENTIAL, 100, 100).prediction(10);
    assertThat(talk.throughputPerSecond()).isCloseTo(10 / 0.3, within(1e-9));
    assertThat(talk.meanSeconds()).isCloseTo(0.3, within(1e-12));
    assertThat(talk.medianSeconds()).isCloseTo(0.3, within(1e-12));
    assertThat(talk.p99Seconds()).isCloseTo(0.3, within(1e-12));
    assertThat(talk.ceiling().resource()).isEqualTo("clients");
  }

  @Test
  void with_no_latency_and_no_cpu_nothing_waits_and_nothing_bounds() {
    VariantNetwork idle = network(Composition.GATHERED, 0, 0).dbPool(20).serverThreads(32).build();
    Prediction closed = idle.prediction(100);
    assertThat(closed.throughputPerSecond()).isInfinite();
    assertThat(closed.meanSeconds()).isZero();
    assertThat(closed.bottleneck().centre()).isEqualTo("none");
    assertThat(idle.prediction(100.0).overloaded()).isFalse();
  }

  @Test
  void gathered_overlaps_the_two_database_steps() {
    assertThat(sync(Composition.SEQUENTIAL, 100, 100).aloneSeconds()).isCloseTo(0.3, within(1e-12));
    assertThat(sync(Composition.GATHERED, 100, 100).aloneSeconds()).isCloseTo(0.2, within(1e-12));
  }

  /**
   * The harness's simple theory is the asymptotes: min(C / T, N / T, P / (2·L_d), E / (2·L_d)). The
   * curve starts on C / T, never crosses any of them, and ends on the lowest.
   */
  @Test
  void the_curve_reduces_to_the_simple_bounds_at_both_ends() {
    for (Composition composition : Composition.values()) {
      for (int[] latency : new int[][] {{100, 100}, {10, 200}, {200, 50}}) {
        VariantNetwork variant = network(composition, latency[0], latency[1]).dbPool(20).build();
        double t = variant.aloneSeconds();
        double ceiling = 20 / (2 * latency[1] / 1000.0);
        var curve =
            variant.curve(IntStream.iterate(1, c -> c <= 400, c -> c + 1 + c / 8).boxed().toList());
        assertThat(curve.getFirst().throughputPerSecond()).isCloseTo(1 / t, within(1e-9));
        for (Prediction point : curve) {
          int c = ((Prediction.Clients) point.load()).count();
          assertThat(point.throughputPerSecond())
              .as("%s %s at C = %d", composition, List.of(latency[0], latency[1]), c)
              .isLessThanOrEqualTo(Math.min(c / t, ceiling) * (1 + 1e-9));
        }
        assertThat(curve.getLast().throughputPerSecond())
            .isCloseTo(ceiling, within(0.01 * ceiling));
        assertThat(curve.getLast().ceiling().throughputPerSecond())
            .isCloseTo(ceiling, within(1e-9));
      }
    }
  }

  @Test
  void past_the_thread_cap_the_throughput_is_flat_and_the_response_grows_as_little_says() {
    VariantNetwork variant = sync(Composition.SEQUENTIAL, 10, 200);
    var curve = variant.curve(List.of(32, 100, 1000));
    double capped = curve.getFirst().throughputPerSecond();
    assertThat(capped).isLessThan(50);
    for (Prediction point : curve) {
      int c = ((Prediction.Clients) point.load()).count();
      assertThat(point.throughputPerSecond()).isEqualTo(capped);
      assertThat(point.meanSeconds()).isCloseTo(c / capped, within(1e-9));
    }
  }

  @Test
  void virtual_threads_remove_the_thread_bound_but_not_the_pool_bound() {
    VariantNetwork loom = network(Composition.SEQUENTIAL, 100, 100).dbPool(20).build();
    Prediction thousand = loom.prediction(1000);
    assertThat(thousand.bottleneck().centre()).isEqualTo("database pool");
    assertThat(thousand.throughputPerSecond()).isCloseTo(100, within(1e-6));
    assertThat(thousand.meanSeconds()).isCloseTo(10, within(1e-6));
  }

  @Test
  void a_thread_cap_queues_the_clients_beyond_it_outside() {
    VariantNetwork upstreamOnly = sync(Composition.SEQUENTIAL, 100, 0);
    Prediction fifty = upstreamOnly.prediction(50);
    assertThat(fifty.throughputPerSecond()).isCloseTo(320, within(1e-6));
    assertThat(fifty.meanSeconds()).isCloseTo(50 / 320.0, within(1e-9));
    assertThat(fifty.bottleneck().centre()).isEqualTo("server threads");
    // 18 requests wait for 18 departures at 320/s: nearly everyone waits about 56 ms.
    assertThat(fifty.medianSeconds()).isCloseTo(0.1 + 18 / 320.0, within(0.005));
  }

  @Test
  void the_cpu_bends_the_curve_below_the_latency_bounds() {
    VariantNetwork free = network(Composition.GATHERED, 100, 100).dbPool(200).build();
    VariantNetwork costly =
        network(Composition.GATHERED, 100, 100)
            .dbPool(200)
            .cpuDemand(Duration.ofMillis(8))
            .cores(2)
            .build();
    Prediction withoutCpu = free.prediction(100);
    Prediction withCpu = costly.prediction(100);
    assertThat(withoutCpu.throughputPerSecond()).isCloseTo(500, within(1e-6));
    assertThat(withCpu.throughputPerSecond()).isLessThan(250 + 1e-6);
    assertThat(withCpu.bottleneck().centre()).isEqualTo("cpu");
  }

  @Test
  void the_gather_executor_bounds_only_when_smaller_than_the_pool() {
    VariantNetwork small =
        network(Composition.GATHERED, 100, 100).dbPool(40).gatherExecutor(8).build();
    assertThat(small.stations().getLast().name()).isEqualTo("gather executor");
    assertThat(small.prediction(500).throughputPerSecond()).isCloseTo(40, within(1e-6));
    VariantNetwork large =
        network(Composition.GATHERED, 100, 100).dbPool(20).gatherExecutor(64).build();
    assertThat(large.stations().getLast().name()).isEqualTo("database pool");
  }

  @Test
  void an_open_loop_below_capacity_waits_as_an_m_m_c_queue() {
    // One upstream connection held 100 ms, 5 arrivals a second: M/M/1 at ρ = 0.5.
    VariantNetwork single = network(Composition.SEQUENTIAL, 100, 0).upstreamConnections(1).build();
    Prediction open = single.prediction(5.0);
    assertThat(open.throughputPerSecond()).isEqualTo(5.0);
    assertThat(open.meanSeconds()).isCloseTo(0.2, within(1e-12));
    assertThat(open.bottleneck().utilisation()).isCloseTo(0.5, within(1e-12));
    // Half wait at all, so the median waits nothing; the p99 waits ln(0.5 / 0.01) / 5 s.
    assertThat(open.medianSeconds()).isCloseTo(0.1, within(1e-6));
    assertThat(open.p99Seconds()).isCloseTo(0.1 + Math.log(50) / 5, within(1e-6));
  }

  @Test
  void an_open_loop_above_capacity_is_overloaded() {
    Prediction open = sync(Composition.SEQUENTIAL, 100, 100).prediction(150.0);
    assertThat(open.overloaded()).isTrue();
    assertThat(open.throughputPerSecond()).isCloseTo(100, within(1e-9));
    assertThat(open.meanSeconds()).isInfinite();
    assertThat(open.bottleneck().centre()).isEqualTo("database pool");
  }

  @Test
  void an_open_loop_holds_a_server_thread_for_the_whole_response() {
    VariantNetwork variant = sync(Composition.SEQUENTIAL, 100, 0);
    // 32 threads held 100 ms: 310/s keeps them 97 % busy and the thread queue is the wait.
    Prediction open = variant.prediction(310.0);
    assertThat(open.overloaded()).isFalse();
    assertThat(open.meanSeconds()).isGreaterThan(0.1);
    assertThat(open.centres().getLast().centre()).isEqualTo("server threads");
    assertThat(variant.prediction(330.0).overloaded()).isTrue();
  }
}
