package dev.caas.harness.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.Workload;
import dev.caas.harness.queueing.VariantNetwork;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueingTheoryTest {
  private static final InjectedLatency MS_100 = InjectedLatency.both(Duration.ofMillis(100));
  private static final CpuDemand CPU_5_MS = CpuDemand.given(Duration.ofMillis(5));

  @Test
  void each_health_limit_becomes_its_pool_in_the_network() {
    VariantNetwork sync =
        QueueingTheory.network(
            Variant.SYNC_GATHERED, new Limits(32, 20, null, 64), MS_100, CPU_5_MS, 2, null);

    assertThat(sync.serverThreads()).isEqualTo(32);
    assertThat(sync.dbPool()).isEqualTo(20);
    assertThat(sync.upstreamConnections()).isNull();
    assertThat(sync.gatherExecutor()).isEqualTo(64);
    assertThat(sync.cpuDemand()).isEqualTo(Duration.ofMillis(5));
    assertThat(sync.cores()).isEqualTo(2);
  }

  @Test
  void reactive_event_loops_are_no_thread_cap_but_its_upstream_pool_is_one() {
    VariantNetwork reactive =
        QueueingTheory.network(
            Variant.REACTIVE_GATHERED, new Limits(4, 20, 1000, null), MS_100, CPU_5_MS, 2, null);

    assertThat(reactive.serverThreads()).isNull();
    assertThat(reactive.upstreamConnections()).isEqualTo(1000);
  }

  @Test
  void one_client_waits_for_the_latencies_and_its_own_cpu() {
    QueueingTheory one =
        model(Variant.SYNC_SEQUENTIAL, new Limits(32, 20, null, null), new ClosedLoop(1, 90));

    assertThat(one.applies()).isTrue();
    assertThat(one.medianMs()).isCloseTo(305, within(0.01));
    assertThat(one.throughputRps()).isCloseTo(1000 / 305.0, within(1e-6));
  }

  @Test
  void many_clients_flatten_onto_the_database_pool_and_name_it_the_bottleneck() {
    QueueingTheory crowd =
        model(Variant.LOOM_SEQUENTIAL, new Limits(null, 20, null, null), new ClosedLoop(500, 1500));

    assertThat(crowd.bottleneck()).isEqualTo("database pool");
    assertThat(crowd.utilisation()).isCloseTo(1, within(0.01));
    assertThat(crowd.throughputRps()).isLessThanOrEqualTo(100).isGreaterThan(99);
    // Little's law: 500 clients at 100 rps wait 5 s.
    assertThat(crowd.medianMs()).isCloseTo(5000, within(150.0));
    assertThat(crowd.p99Ms()).isGreaterThan(crowd.medianMs());
  }

  @Test
  void an_open_loop_below_its_ceiling_is_served_at_its_rate() {
    QueueingTheory open =
        model(Variant.LOOM_GATHERED, new Limits(null, 20, null, null), new OpenLoop(40, 400, 100));

    assertThat(open.throughputRps()).isEqualTo(40);
    assertThat(open.medianMs()).isGreaterThanOrEqualTo(205);
  }

  @Test
  void a_burst_of_no_more_requests_than_clients_has_no_steady_state_to_model() {
    QueueingTheory burst =
        model(Variant.LOOM_GATHERED, new Limits(null, 100, null, null), new ClosedLoop(2000, 2000));

    assertThat(burst.applies()).isFalse();
    assertThat(burst.medianMs()).isNaN();
    assertThat(burst.bottleneck()).isEqualTo("n/a");
  }

  @Test
  void the_cpu_demand_is_the_models_estimate_unless_the_command_line_gives_one() {
    assertThat(CpuDemand.of(Variant.SYNC_GATHERED, null))
        .isEqualTo(new CpuDemand(CpuDemand.SYNC_ESTIMATE, "estimate"));
    assertThat(CpuDemand.of(Variant.REACTIVE_SEQUENTIAL, null).perRequest())
        .isEqualTo(CpuDemand.REACTIVE_ESTIMATE);
    assertThat(CpuDemand.of(Variant.LOOM_SEQUENTIAL, Duration.ofMillis(3)))
        .isEqualTo(new CpuDemand(Duration.ofMillis(3), "--cpu-demand"));
    assertThat(CpuDemand.measured(Duration.ofMillis(2)).describe())
        .isEqualTo("2.0 ms (measured at low load)");
  }

  /** The model at 100 ms on both proxies, 5 ms of CPU per request, two cores. */
  private static QueueingTheory model(Variant variant, Limits limits, Workload workload) {
    return QueueingTheory.of(variant, limits, MS_100, workload, CPU_5_MS, 2, null);
  }
}
