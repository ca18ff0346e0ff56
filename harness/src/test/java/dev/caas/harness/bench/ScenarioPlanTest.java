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
  void the_scale_scenario_waits_long_enough_that_its_largest_point_asks_half_the_ceiling() {
    BenchConfig config = BenchConfig.builder().scenario(Scenario.SCALE).build();

    // 9,000 / (0.5 × 500 rps) = 36 s exactly; 9,001 would need a little more, rounded up.
    Duration l = Duration.ofSeconds(36);
    // The clients ramp up over the upstream latency, the only one injected.
    Duration ramp = l;
    assertThat(Scenario.Scale.latencyFor(9_001, 500)).isEqualTo(Duration.ofSeconds(37));
    assertThat(config.points())
        .extracting(ScenarioPoint::workload)
        .containsExactly(
            new ClosedLoop(500, 1_000, ramp),
            new ClosedLoop(1_000, 2_000, ramp),
            new ClosedLoop(2_000, 4_000, ramp),
            new ClosedLoop(5_000, 10_000, ramp),
            new ClosedLoop(9_000, 18_000, ramp));
    assertThat(config.points())
        .extracting(ScenarioPoint::latency)
        .containsOnly(new InjectedLatency(l, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    assertThat(((Scenario.Scale) config.scenario()).latencyArithmetic())
        .isEqualTo(
            "L_u ≥ C_max / (0.5 · ceiling) = 9,000 / (0.5 × 500 rps) = 36.0 s, rounded up to 36 s");
  }

  @Test
  void the_scale_scenario_keeps_a_latency_that_was_given() {
    BenchConfig config =
        BenchConfig.builder()
            .scenario(Scenario.SCALE)
            .concurrencies(List.of(200, 1_000))
            .upstreamLatency(Duration.ofSeconds(1))
            .build();

    assertThat(config.points())
        .extracting(point -> point.latency().upstream())
        .containsOnly(Duration.ofSeconds(1));
    assertThat(config.maxConcurrency()).isEqualTo(1_000);
  }

  @Test
  void a_concurrency_sweep_sends_at_least_ten_requests_per_client_at_every_point() {
    BenchConfig config = BenchConfig.builder().scenario(Scenario.CONCURRENCY_SWEEP).build();
    // The clients ramp up over L_u + L_d: upstream only here, 100 ms.
    Duration ramp = Duration.ofMillis(100);

    assertThat(config.points())
        .extracting(ScenarioPoint::workload)
        .containsExactly(
            new ClosedLoop(1, 90, ramp),
            new ClosedLoop(10, 100, ramp),
            new ClosedLoop(50, 500, ramp),
            new ClosedLoop(100, 1000, ramp),
            new ClosedLoop(200, 2000, ramp),
            new ClosedLoop(500, 5000, ramp),
            new ClosedLoop(1000, 10000, ramp));
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
            .warmup(300)
            .build();

    assertThat(config.maxConcurrency()).isEqualTo(700);
    assertThat(config.warmupWorkload()).isEqualTo(new ClosedLoop(700, 700));
  }

  @Test
  void a_concurrency_sweep_warms_up_long_enough_for_the_jit_to_settle() {
    BenchConfig sweep = BenchConfig.builder().scenario(Scenario.CONCURRENCY_SWEEP).build();
    BenchConfig talk = BenchConfig.builder().build();

    assertThat(sweep.warmupWorkload()).isEqualTo(new ClosedLoop(1000, 30_000));
    assertThat(talk.warmup()).isEqualTo(300);
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
