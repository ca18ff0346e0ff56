package dev.caas.harness.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TheoryTest {
  private static final Duration MS_100 = Duration.ofMillis(100);
  private static final Duration S_15 = Duration.ofSeconds(15);
  private static final Limits ROOMY = new Limits(32, 20, null, null);

  @Test
  void sequential_costs_one_upstream_and_two_database_round_trips() {
    assertThat(Theory.serviceTimeMs(Composition.SEQUENTIAL, S_15, S_15)).isEqualTo(45_000);
  }

  @Test
  void gathered_overlaps_the_two_database_steps() {
    assertThat(Theory.serviceTimeMs(Composition.GATHERED, S_15, S_15)).isEqualTo(30_000);
  }

  @Test
  void the_talk_is_limited_by_its_ten_clients() {
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 10, ROOMY);

    assertThat(theory.medianMs()).isCloseTo(300, within(1e-9));
    assertThat(theory.throughputRps()).isCloseTo(10 / 0.3, within(1e-9));
    assertThat(theory.bottleneck()).isEqualTo("clients");
  }

  @Test
  void more_clients_than_server_threads_queue_for_a_thread() {
    Theory theory =
        Theory.closedLoop(
            Composition.SEQUENTIAL, MS_100, MS_100, 100, new Limits(16, 100, null, null));

    assertThat(theory.bottleneck()).isEqualTo("server threads");
    assertThat(theory.throughputRps()).isCloseTo(16 / 0.3, within(1e-9));
    assertThat(theory.medianMs()).isCloseTo(100 / (16 / 0.3) * 1000, within(1e-6));
  }

  @Test
  void without_a_thread_limit_the_database_pool_is_the_bottleneck() {
    Theory theory =
        Theory.closedLoop(
            Composition.GATHERED, MS_100, MS_100, 1000, new Limits(null, 20, null, null));

    assertThat(theory.bottleneck()).isEqualTo("database pool");
    assertThat(theory.throughputRps()).isCloseTo(20 / 0.2, within(1e-9));
    assertThat(theory.medianMs()).isCloseTo(1000 / 100.0 * 1000, within(1e-6));
  }

  @Test
  void gathered_holds_the_pool_as_long_as_sequential_does() {
    Limits poolOnly = new Limits(null, 20, null, null);

    Theory sequential = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 1000, poolOnly);
    Theory gathered = Theory.closedLoop(Composition.GATHERED, MS_100, MS_100, 1000, poolOnly);

    assertThat(gathered.throughputRps()).isEqualTo(sequential.throughputRps());
  }

  @Test
  void upstream_connections_and_executor_threads_bound_throughput_too() {
    Theory theory =
        Theory.closedLoop(Composition.GATHERED, MS_100, MS_100, 1000, new Limits(null, null, 5, 8));

    assertThat(theory.bounds())
        .extracting(Theory.Bound::resource)
        .containsExactly("executor threads", "upstream connections", "clients");
    assertThat(theory.throughputRps()).isCloseTo(8 / 0.2, within(1e-9));
  }

  @Test
  void sequential_variants_have_no_executor_bound() {
    Theory theory =
        Theory.closedLoop(
            Composition.SEQUENTIAL, MS_100, MS_100, 10, new Limits(null, null, null, 1));

    assertThat(theory.bounds()).extracting(Theory.Bound::resource).containsExactly("clients");
  }

  @Test
  void latency_is_never_predicted_below_one_request_alone() {
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 1, ROOMY);

    assertThat(theory.medianMs()).isEqualTo(300);
  }

  @Test
  void with_no_latency_there_is_nothing_to_predict() {
    Theory theory =
        Theory.closedLoop(Composition.SEQUENTIAL, Duration.ZERO, Duration.ZERO, 10, ROOMY);

    assertThat(theory.applies()).isFalse();
    assertThat(theory.throughputRps()).isInfinite();
    assertThat(theory.bottleneck()).isEqualTo("none");
  }

  @Test
  void a_burst_of_two_thousand_one_request_each_drains_at_the_pools_pace() {
    Duration ms200 = Duration.ofMillis(200);
    var burst = new ClosedLoop(2000, 2000);

    Theory theory =
        Theory.predict(
            Variant.LOOM_GATHERED,
            InjectedLatency.both(ms200),
            burst,
            new Limits(null, 100, null, null),
            Double.NaN);

    assertThat(theory.bottleneck()).isEqualTo("database pool");
    assertThat(theory.throughputRps()).isCloseTo(100 / 0.4, within(1e-9));
    // The median request leaves after half the burst has drained, N / (2X) = 4 s, T/2 of it its own
    // service.
    assertThat(theory.medianMs()).isCloseTo(400 + 4000 - 200, within(1e-6));
  }

  @Test
  void a_burst_that_fits_the_bottleneck_waits_only_for_the_latency() {
    var burst = new ClosedLoop(20, 20);

    Theory theory =
        Theory.predict(
            Variant.LOOM_GATHERED,
            InjectedLatency.both(MS_100),
            burst,
            new Limits(null, 100, null, null),
            Double.NaN);

    assertThat(theory.medianMs()).isEqualTo(200);
    assertThat(theory.bottleneck()).isEqualTo("clients");
  }

  @Test
  void an_open_loop_below_capacity_waits_only_for_the_latency() {
    Theory theory =
        Theory.predict(
            Variant.SYNC_GATHERED,
            InjectedLatency.both(MS_100),
            new OpenLoop(50, 500, 100),
            ROOMY,
            Double.NaN);

    assertThat(theory.overloaded()).isFalse();
    assertThat(theory.medianMs()).isEqualTo(200);
    assertThat(theory.throughputRps()).isEqualTo(50);
    assertThat(theory.bottleneck()).isEqualTo("arrival rate");
  }

  @Test
  void an_overloaded_open_loop_queues_for_as_long_as_the_run_lasts() {
    Limits sixteenThreads = new Limits(16, 20, null, null);
    var shortRun = new OpenLoop(500, 1_000, 1000);
    var longRun = new OpenLoop(500, 2_000, 1000);

    Theory theory =
        Theory.predict(
            Variant.SYNC_SEQUENTIAL,
            InjectedLatency.both(MS_100),
            shortRun,
            sixteenThreads,
            Double.NaN);
    Theory longer =
        Theory.predict(
            Variant.SYNC_SEQUENTIAL,
            InjectedLatency.both(MS_100),
            longRun,
            sixteenThreads,
            Double.NaN);

    assertThat(theory.overloaded()).isTrue();
    assertThat(theory.bottleneck()).isEqualTo("server threads");
    double x = 16 / 0.3;
    assertThat(theory.throughputRps()).isCloseTo(x, within(1e-9));
    // Request i leaves at i / X + T; the median one (i = 500) has waited 500 · (1/X − 1/λ) beyond
    // T.
    assertThat(theory.medianMs()).isCloseTo(300 + 500 * (1 / x - 1 / 500.0) * 1000, within(1e-6));
    assertThat(longer.medianMs() - 300).isCloseTo(2 * (theory.medianMs() - 300), within(1e-6));
  }

  @Test
  void an_open_loops_connections_bound_it_like_clients() {
    Theory theory =
        Theory.predict(
            Variant.LOOM_GATHERED,
            InjectedLatency.both(MS_100),
            new OpenLoop(100, 500, 10),
            new Limits(null, 100, null, null),
            Double.NaN);

    assertThat(theory.overloaded()).isTrue();
    assertThat(theory.bottleneck()).isEqualTo("client connections");
    assertThat(theory.throughputRps()).isCloseTo(50, within(1e-9));
  }

  @Test
  void reactive_event_loops_are_not_held_while_a_request_waits() {
    Limits reactive = new Limits(4, 20, 1000, null);

    Theory theory =
        Theory.predict(
            Variant.REACTIVE_SEQUENTIAL,
            InjectedLatency.both(MS_100),
            new ClosedLoop(1000, 3000),
            reactive,
            Double.NaN);

    assertThat(theory.bounds())
        .extracting(Theory.Bound::resource)
        .containsExactly("database pool", "clients", "upstream connections");
    assertThat(theory.throughputRps()).isCloseTo(100, within(1e-9));
  }

  @Test
  void reactives_upstream_connection_cap_is_the_bound_with_latency_on_the_upstream_only() {
    var upstreamOnly = new InjectedLatency(MS_100, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    Theory theory =
        Theory.predict(
            Variant.REACTIVE_GATHERED,
            upstreamOnly,
            new ClosedLoop(5000, 15000),
            new Limits(4, 20, 1000, null),
            Double.NaN);

    assertThat(theory.bottleneck()).isEqualTo("upstream connections");
    assertThat(theory.throughputRps()).isCloseTo(1000 / 0.1, within(1e-9));
    assertThat(theory.bounds()).extracting(Theory.Bound::resource).doesNotContain("database pool");
  }

  @Test
  void with_latency_on_the_upstream_only_sync_saturates_at_threads_over_t_and_loom_does_not() {
    var upstreamOnly = new InjectedLatency(MS_100, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    var thousandClients = new ClosedLoop(1000, 3000);

    Theory sync =
        Theory.predict(
            Variant.SYNC_SEQUENTIAL,
            upstreamOnly,
            thousandClients,
            new Limits(29, 20, null, null),
            Double.NaN);
    Theory loom =
        Theory.predict(
            Variant.LOOM_SEQUENTIAL,
            upstreamOnly,
            thousandClients,
            new Limits(null, 20, null, null),
            Double.NaN);

    assertThat(sync.bottleneck()).isEqualTo("server threads");
    assertThat(sync.throughputRps()).isCloseTo(290, within(1e-9));
    assertThat(loom.bottleneck()).isEqualTo("clients");
    assertThat(loom.throughputRps()).isCloseTo(10_000, within(1e-9));
  }

  @Test
  void the_machine_measured_without_latency_caps_what_the_latency_bounds_allow() {
    var upstreamOnly = new InjectedLatency(MS_100, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    Theory theory =
        Theory.predict(
            Variant.LOOM_SEQUENTIAL,
            upstreamOnly,
            new ClosedLoop(1000, 3000),
            new Limits(null, 20, null, null),
            1_500);

    assertThat(theory.bottleneck()).isEqualTo("machine");
    assertThat(theory.throughputRps()).isEqualTo(1_500);
    assertThat(theory.medianMs()).isCloseTo(1000 / 1500.0 * 1000, within(1e-6));
  }

  @Test
  void a_gathered_request_waits_for_the_slower_of_two_jittered_steps() {
    var jittered =
        new InjectedLatency(MS_100, Duration.ofMillis(30), MS_100, Duration.ofMillis(50));

    assertThat(Theory.serviceTimeMs(Composition.SEQUENTIAL, jittered)).isEqualTo(300);
    assertThat(Theory.serviceTimeMs(Composition.GATHERED, jittered))
        .isCloseTo(200 + (Math.sqrt(2) - 1) * 50, within(1e-9));
  }

  @Test
  void the_median_of_the_larger_of_two_uniform_draws_is_where_the_theory_puts_it() {
    var random = new java.util.SplittableRandom(1);
    double[] maxima = new double[100_001];
    for (int i = 0; i < maxima.length; i++) {
      maxima[i] = Math.max(random.nextDouble(-1, 1), random.nextDouble(-1, 1));
    }
    java.util.Arrays.sort(maxima);

    assertThat(maxima[maxima.length / 2]).isCloseTo(Theory.MEDIAN_OF_MAX_OF_TWO, within(0.01));
  }
}
