package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.ScenarioPoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPlanTest {
  private static final Duration MS_100 = Duration.ofMillis(100);

  @Test
  void the_talk_is_one_point_with_the_configured_load_and_latency() {
    BenchConfig config = BenchConfig.builder().build();

    assertThat(config.points())
        .singleElement()
        .satisfies(
            point -> {
              assertThat(point.workload()).isEqualTo(new ClosedLoop(10, 90));
              assertThat(point.latency()).isEqualTo(InjectedLatency.both(MS_100));
            });
  }

  @Test
  void a_concurrency_sweep_sends_at_least_three_requests_per_client_at_every_point() {
    BenchConfig config = BenchConfig.builder().scenario(Scenario.CONCURRENCY_SWEEP).build();

    assertThat(config.points())
        .extracting(ScenarioPoint::workload)
        .containsExactly(
            new ClosedLoop(1, 90),
            new ClosedLoop(10, 90),
            new ClosedLoop(50, 150),
            new ClosedLoop(100, 300),
            new ClosedLoop(200, 600),
            new ClosedLoop(500, 1500),
            new ClosedLoop(1000, 3000));
    assertThat(config.points())
        .extracting(ScenarioPoint::index)
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void the_concurrency_sweeps_default_flavour_puts_latency_on_the_upstream_only() {
    BenchConfig config =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(1, 2))
            .jitter(Duration.ofMillis(5))
            .build();

    assertThat(config.flavour()).isEqualTo(Scenario.Flavour.UPSTREAM_ONLY);
    assertThat(config.points())
        .allSatisfy(
            point ->
                assertThat(point.latency())
                    .isEqualTo(
                        new InjectedLatency(
                            MS_100, Duration.ofMillis(5), Duration.ZERO, Duration.ZERO)));
  }

  @Test
  void the_both_flavour_keeps_the_database_latency() {
    BenchConfig config =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .flavour(Scenario.Flavour.BOTH)
            .concurrencies(List.of(5))
            .dbLatency(Duration.ofMillis(20))
            .build();

    assertThat(config.points().getFirst().latency())
        .isEqualTo(
            new InjectedLatency(MS_100, Duration.ZERO, Duration.ofMillis(20), Duration.ZERO));
  }

  @Test
  void a_latency_sweep_varies_both_proxies_with_the_talks_load() {
    BenchConfig config =
        BenchConfig.builder().scenario(Scenario.LATENCY_SWEEP).requests(30).concurrency(5).build();

    assertThat(config.points())
        .extracting(point -> point.latency().postgres())
        .containsExactlyElementsOf(Scenario.LATENCY_SWEEP.latencies());
    assertThat(config.points())
        .extracting(ScenarioPoint::workload)
        .containsOnly(new ClosedLoop(5, 30));
  }

  @Test
  void an_open_loop_latency_sweep_keeps_its_rate() {
    BenchConfig config =
        BenchConfig.builder()
            .scenario(Scenario.LATENCY_SWEEP)
            .latencies(List.of(MS_100))
            .flavour(Scenario.Flavour.UPSTREAM_ONLY)
            .ratePerSecond(40.0)
            .build();

    assertThat(config.points())
        .singleElement()
        .satisfies(
            point -> {
              assertThat(point.ratePerSecond()).isEqualTo(40.0);
              assertThat(point.latency().postgres()).isZero();
            });
  }

  @Test
  void the_warmup_opens_a_connection_for_every_client_of_the_busiest_point() {
    BenchConfig config =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(1, 700, 20))
            .build();

    assertThat(config.maxConcurrency()).isEqualTo(700);
    assertThat(config.warmupWorkload()).isEqualTo(new ClosedLoop(700, 700));
  }

  @Test
  void impossible_sweeps_are_refused() {
    var sweep = BenchConfig.builder().scenario(Scenario.CONCURRENCY_SWEEP);
    assertThatThrownBy(() -> sweep.concurrencies(List.of()).build())
        .hasMessageContaining("concurrency list");
    assertThatThrownBy(() -> sweep.concurrencies(List.of(0)).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> BenchConfig.builder().repeat(0).build())
        .hasMessageContaining("--repeat");
    assertThatThrownBy(() -> Scenario.parse("soak"))
        .hasMessageContaining("talk, latency-sweep, concurrency-sweep");
  }
}
