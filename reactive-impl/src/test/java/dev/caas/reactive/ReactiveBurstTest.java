package dev.caas.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.testbed.Testbed;
import dev.caas.testkit.DogClient;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.SharedTestbed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * More requests at once than both pools have connections (1,000 to the upstream, 20 to the database): the
 * surplus waits for a connection, within the deadline, and nothing is refused. The same bounds let 2,000
 * requests at 200 ms of latency through with the default 60 s deadline (see the report in package-info).
 */
class ReactiveBurstTest {
  private static final int REQUESTS = 1_200;
  private static final Duration LATENCY = Duration.ofMillis(20);

  @Test
  void a_burst_beyond_both_pools_waits_for_connections_and_none_is_refused() throws Exception {
    Testbed testbed = SharedTestbed.get();
    try (RunningVariant running = ReactiveLauncher.LAUNCHER.launch(
        SharedTestbed.optionsFor(Variant.REACTIVE_GATHERED, Duration.ofSeconds(60)))) {
      var client = new DogClient(SharedTestbed.urlOf(running));
      client.photos(20, 4);
      testbed.clearBilling();
      testbed.setLatency(LATENCY, LATENCY);
      try {
        var answers = client.photos(REQUESTS, REQUESTS);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(200));
        assertThat(testbed.billedTotal()).isEqualTo(REQUESTS);
      } finally {
        testbed.setLatency(Duration.ZERO, Duration.ZERO);
      }
      assertThat(Load.fromHealthJson(client.get(DogPaths.HEALTH).text()).idle(20)).isTrue();
    }
  }
}
