package dev.caas.harness.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.SlowServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The fault run's load against a real local server; the "fault" here only records when it was in
 * place.
 */
class FaultPhasesTest {

  @Test
  void the_fault_is_injected_after_one_phase_and_healed_after_two_with_requests_in_all_three()
      throws IOException {
    var load = new FaultPhases(3, Duration.ofMillis(300));
    var healedAt = new AtomicLong();
    try (var server = new SlowServer(Duration.ofMillis(20));
        var client = new RequestClient(server.url(), 3, Duration.ofSeconds(10))) {
      new ClosedLoop(3, 30)
          .run(client, "/", done -> {}); // as the bench's warm-up: connections open, code loaded
      long start = System.nanoTime();

      FaultPhases.Result result =
          load.run(client, "/", () -> () -> healedAt.set(System.nanoTime()), done -> {});

      assertThat(result.injectedNanos()).isBetween(300_000_000L, 450_000_000L);
      assertThat(result.healedNanos()).isBetween(600_000_000L, 750_000_000L);
      assertThat(healedAt.get() - start).isGreaterThanOrEqualTo(600_000_000L);
      List<Sample> samples = result.samples();
      assertThat(samples).allMatch(Sample::ok);
      assertThat(samples)
          .extracting(s -> FaultPhases.Phase.of(s, result.injectedNanos(), result.healedNanos()))
          .contains(FaultPhases.Phase.BEFORE, FaultPhases.Phase.DURING, FaultPhases.Phase.AFTER);
      assertThat(samples).allMatch(s -> s.intendedStartNanos() < load.duration().toNanos());
    }
  }

  @Test
  void a_fault_that_cannot_be_injected_fails_the_run_after_the_load_ends() throws IOException {
    var load = new FaultPhases(1, Duration.ofMillis(100));
    try (var server = new SlowServer(Duration.ofMillis(1));
        var client = new RequestClient(server.url(), 1, Duration.ofSeconds(10))) {

      assertThatThrownBy(
              () ->
                  load.run(
                      client,
                      "/",
                      () -> {
                        throw new IOException("proxy not found");
                      },
                      done -> {}))
          .hasMessageContaining("could not inject the fault: proxy not found");
    }
  }

  @Test
  void describes_itself_with_the_moments_of_the_fault() {
    assertThat(new FaultPhases(4, Duration.ofMillis(1200)).describe())
        .isEqualTo(
            "closed loop, 4 clients for 3600 ms: fault injected at 1200 ms, healed at 2400 ms");
  }
}
