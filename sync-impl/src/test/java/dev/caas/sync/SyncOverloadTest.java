package dev.caas.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Variant;
import dev.caas.testkit.DogClient;
import dev.caas.testkit.OverloadContract;
import dev.caas.testkit.SharedTestbed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bounded pool with a bounded queue refuses what it cannot hold, at once, instead of queueing
 * forever: sync's answer to the overload contract's burst, which it is not built to serve whole.
 */
class SyncOverloadTest extends OverloadContract {
  private static final int THREADS = 4;
  private static final int QUEUE = 4;
  private static final Duration LATENCY = Duration.ofMillis(300);

  SyncOverloadTest() {
    super(Variant.Model.SYNC, SyncLauncher.LAUNCHER);
  }

  @Test
  void a_full_queue_answers_503_at_once_and_the_admitted_requests_are_served() throws Exception {
    var testbed = SharedTestbed.get();
    var options =
        SharedTestbed.optionsFor(variant(), Duration.ofSeconds(10))
            .withServerThreads(THREADS, QUEUE);
    try (var server = DogApp.start(options)) {
      var client =
          new DogClient(
              SharedTestbed.urlOf(new dev.caas.testkit.RunningVariant(server.port(), server)));
      client.photos(THREADS, THREADS);
      testbed.setLatency(LATENCY, Duration.ZERO);
      List<DogClient.Answer> answers;
      try {
        answers = client.photos(30, 30);
      } finally {
        testbed.setLatency(Duration.ZERO, Duration.ZERO);
      }
      var refused = answers.stream().filter(a -> a.status() == 503).toList();
      var served = answers.stream().filter(a -> a.status() == 200).toList();
      assertThat(served.size() + refused.size()).as("every answer a 200 or a 503").isEqualTo(30);
      assertThat(served.size())
          .as("served: at most the threads plus the queue")
          .isBetween(THREADS, THREADS + QUEUE);
      assertThat(refused)
          .allSatisfy(
              answer -> {
                assertThat(answer.millis())
                    .as("a refusal does not wait for a thread")
                    .isLessThan(LATENCY.toMillis());
                assertThat(answer.text()).startsWith("{\"error\":\"server busy");
              });
      assertThat(client.get(DogPaths.HEALTH).text()).contains("\"serverThreads\":" + THREADS);
    }
  }
}
