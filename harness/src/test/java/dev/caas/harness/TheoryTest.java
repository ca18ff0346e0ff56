package dev.caas.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant.Composition;
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
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 100, new Limits(16, 100, null, null));

    assertThat(theory.bottleneck()).isEqualTo("server threads");
    assertThat(theory.throughputRps()).isCloseTo(16 / 0.3, within(1e-9));
    assertThat(theory.medianMs()).isCloseTo(100 / (16 / 0.3) * 1000, within(1e-6));
  }

  @Test
  void without_a_thread_limit_the_database_pool_is_the_bottleneck() {
    Theory theory = Theory.closedLoop(Composition.GATHERED, MS_100, MS_100, 1000, new Limits(null, 20, null, null));

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
    Theory theory = Theory.closedLoop(Composition.GATHERED, MS_100, MS_100, 1000, new Limits(null, null, 5, 8));

    assertThat(theory.bounds()).extracting(Theory.Bound::resource)
        .containsExactly("executor threads", "upstream connections", "clients");
    assertThat(theory.throughputRps()).isCloseTo(8 / 0.2, within(1e-9));
  }

  @Test
  void sequential_variants_have_no_executor_bound() {
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 10, new Limits(null, null, null, 1));

    assertThat(theory.bounds()).extracting(Theory.Bound::resource).containsExactly("clients");
  }

  @Test
  void latency_is_never_predicted_below_one_request_alone() {
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, MS_100, MS_100, 1, ROOMY);

    assertThat(theory.medianMs()).isEqualTo(300);
  }

  @Test
  void with_no_latency_there_is_nothing_to_predict() {
    Theory theory = Theory.closedLoop(Composition.SEQUENTIAL, Duration.ZERO, Duration.ZERO, 10, ROOMY);

    assertThat(theory.applies()).isFalse();
    assertThat(theory.throughputRps()).isInfinite();
    assertThat(theory.bottleneck()).isEqualTo("none");
  }

  @Test
  void an_open_loop_below_capacity_waits_only_for_the_latency() {
    Theory theory = Theory.openLoop(Composition.GATHERED, MS_100, MS_100, 50, 100, ROOMY);

    assertThat(theory.overloaded()).isFalse();
    assertThat(theory.medianMs()).isEqualTo(200);
    assertThat(theory.throughputRps()).isEqualTo(50);
    assertThat(theory.bottleneck()).isEqualTo("arrival rate");
  }

  @Test
  void an_open_loop_above_capacity_is_overloaded() {
    Theory theory = Theory.openLoop(Composition.SEQUENTIAL, MS_100, MS_100, 500, 1000, new Limits(16, 20, null, null));

    assertThat(theory.overloaded()).isTrue();
    assertThat(theory.bottleneck()).isEqualTo("server threads");
    assertThat(theory.throughputRps()).isCloseTo(16 / 0.3, within(1e-9));
  }
}
