package dev.caas.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

  @Test
  void sends_on_schedule_whatever_the_answers_do() throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(50));
        var client = new RequestClient(server.url(), 20, Duration.ofSeconds(10))) {

      List<Sample> samples = new OpenLoop(100, 30, 20).run(client, "/", done -> {});

      assertThat(samples).hasSize(30).allMatch(Sample::ok);
      Sample last = samples.getLast();
      assertThat(Duration.ofNanos(last.intendedStartNanos())).isEqualTo(Duration.ofMillis(290));
      assertThat(Duration.ofNanos(last.startNanos() - last.intendedStartNanos()))
          .isLessThan(Duration.ofMillis(100));
      assertThat(server.maxInFlight()).isGreaterThan(1);
    }
  }

  @Test
  void waiting_for_a_connection_counts_as_latency() throws Exception {
    try (var server = new SlowServer(Duration.ofMillis(50));
        var client = new RequestClient(server.url(), 1, Duration.ofSeconds(10))) {

      List<Sample> samples = new OpenLoop(100, 10, 1).run(client, "/", done -> {});

      assertThat(server.maxInFlight()).isEqualTo(1);
      Sample last = samples.getLast();
      // Ten requests due 10 ms apart, served one at a time in 50 ms each: the last waits for nine
      // others.
      assertThat(Duration.ofNanos(last.latencyNanos())).isGreaterThan(Duration.ofMillis(300));
      assertThat(Duration.ofNanos(last.serviceNanos())).isLessThan(Duration.ofMillis(200));
    }
  }
}
