package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many requests one no-latency probe of the machine sends. */
class ProbeLengthTest {

  @Test
  void the_first_probe_sends_the_fewest_requests_a_steady_middle_half_needs() {
    assertThat(Bench.probeRequests(1, 0)).isEqualTo(Bench.PROBE_REQUESTS);
  }

  @Test
  void a_probe_lasts_two_seconds_at_the_previous_probes_throughput() {
    assertThat(Bench.probeRequests(8, 1_500)).isEqualTo(3_000);
  }

  @Test
  void a_large_population_sends_five_requests_per_client_even_when_that_takes_longer() {
    assertThat(Bench.probeRequests(1_000, 300)).isEqualTo(5_000);
  }
}
