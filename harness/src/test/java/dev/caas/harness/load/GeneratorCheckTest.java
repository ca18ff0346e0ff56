package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.bench.TestRuns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorCheckTest {

  @Test
  void an_open_loop_with_enough_connections_keeps_its_rate() throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(20));
        var client = new RequestClient(server.url(), 20, Duration.ofSeconds(10))) {
      // Warmed up as the bench does: connections open and the client's code compiled.
      new ClosedLoop(20, 200).run(client, "/", done -> {});

      List<Sample> samples = new OpenLoop(100, 60, 20).run(client, "/", done -> {});
      GeneratorCheck check = GeneratorCheck.of(samples, 100.0);

      assertThat(check.keptUp()).as("%s", check).isTrue();
      assertThat(check.achievedRps()).isBetween(90.0, 110.0);
    }
  }

  @Test
  void an_open_loop_short_of_connections_falls_behind_and_says_so() throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(50));
        var client = new RequestClient(server.url(), 1, Duration.ofSeconds(10))) {

      // One connection serves at most 20 requests a second; 100 a second were asked for.
      List<Sample> samples = new OpenLoop(100, 20, 1).run(client, "/", done -> {});
      GeneratorCheck check = GeneratorCheck.of(samples, 100.0);

      assertThat(check.keptUp()).as("%s", check).isFalse();
      assertThat(check.achievedRps()).isLessThan(30);
      assertThat(check.sendLagP99Ms()).isGreaterThan(300);
    }
  }

  @Test
  void a_closed_loop_has_no_schedule_to_keep() {
    assertThat(GeneratorCheck.of(TestRuns.samples(20, 100), null).keptUp()).isTrue();
  }
}
