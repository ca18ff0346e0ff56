package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The throughput of a closed loop whose clients were ramped up is the rate of its steady part, not
 * its requests over the whole run, which the ramp and the drain dilute.
 */
class RampedThroughputTest {
  private static final int CLIENTS = 10;
  private static final int ROUNDS = 4;
  private static final long RESPONSE_NANOS = 100_000_000;

  @Test
  void ten_clients_at_100_ms_serve_100_requests_a_second_whatever_the_ramp_and_drain() {
    InjectedLatency latency = InjectedLatency.both(Duration.ofMillis(50));
    var ramped =
        new ScenarioPoint(
            0, latency, new ClosedLoop(CLIENTS, CLIENTS * (ROUNDS - 1), latency.rampUp()));
    var atOnce = new ScenarioPoint(0, latency, new ClosedLoop(CLIENTS, CLIENTS * (ROUNDS - 1)));

    List<Sample> measured = measuredOfARampedLoop();

    double steady = TestRuns.run(Variant.LOOM_SEQUENTIAL, measured, ramped, 1).throughputRps();
    double overTheRun = TestRuns.run(Variant.LOOM_SEQUENTIAL, measured, atOnce, 1).throughputRps();
    assertThat(steady).isCloseTo(100, within(3.0));
    assertThat(overTheRun).as("requests over first start to last end").isLessThan(80);
  }

  /**
   * Client c starts at c × 10 ms and sends {@value #ROUNDS} requests of 100 ms back to back; the
   * first of each is the ramp's and is left out, as {@link ClosedLoop#measured} leaves it.
   */
  private static List<Sample> measuredOfARampedLoop() {
    var samples = new ArrayList<Sample>();
    int ticket = CLIENTS;
    for (int round = 1; round < ROUNDS; round++) {
      for (int c = 0; c < CLIENTS; c++) {
        long start = c * RESPONSE_NANOS / CLIENTS + round * RESPONSE_NANOS;
        samples.add(
            new Sample(
                ticket++,
                start,
                start,
                start + RESPONSE_NANOS,
                200,
                40_000,
                "dog-1.jpg",
                "upstream;start=0.0;dur=50.0, total;dur=100.0",
                null));
      }
    }
    return samples;
  }
}
