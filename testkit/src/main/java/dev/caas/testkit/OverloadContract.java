package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.testbed.Testbed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two thousand requests at once, at 200 ms of latency on both dependencies: a model that does not
 * hold a thread while it waits serves them all, limited only by its connection pools. With a
 * database pool of 100, the theory's ceiling is 100 / (2 × 200 ms) = 250 requests/s, so the last
 * request finishes after about 8 s, well inside the default deadline.
 *
 * <p>The burst busies both cores for seconds, so it runs {@link QuietMachine.Shared}: never beside
 * another module's timing-bound test.
 */
@ExtendWith(QuietMachine.Shared.class)
public abstract class OverloadContract extends VariantsOfAModel {
  protected OverloadContract(
      Variant.Model model, VariantLauncher launcher, Variant.Composition... only) {
    super(model, launcher, only);
  }

  protected static final int REQUESTS = 2_000;
  protected static final Duration LATENCY = Duration.ofMillis(200);
  private static final int DB_POOL = 100;

  @Test
  void two_thousand_requests_at_once_all_succeed() throws Exception {
    assumeTrue(
        model() != Variant.Model.SYNC,
        "sync holds a platform thread per request: past its threads and its queue it refuses at"
            + " once with a 503, by design (SyncOverloadTest checks that instead)");
    Testbed testbed = SharedTestbed.get();
    var options = SharedTestbed.optionsFor(variant(), Duration.ofSeconds(60)).withDbPool(DB_POOL);
    try (var running = launcher().launch(options);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      URI photo = SharedTestbed.urlOf(running).resolve(DogPaths.ROOT);
      testbed.setLatency(LATENCY, LATENCY);
      try {
        var answers = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < REQUESTS; i++) {
          answers.add(
              client
                  .sendAsync(
                      HttpRequest.newBuilder(photo).timeout(Duration.ofSeconds(90)).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .thenApply(HttpResponse::statusCode)
                  .exceptionally(e -> -1));
        }
        Map<Integer, Long> statuses =
            answers.stream()
                .map(CompletableFuture::join)
                .collect(
                    Collectors.groupingBy(
                        Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(statuses)
            .as("statuses of %d requests at once (-1: no answer)", REQUESTS)
            .isEqualTo(Map.of(200, (long) REQUESTS));
      } finally {
        testbed.setLatency(Duration.ZERO, Duration.ZERO);
      }
      var health =
          HttpRequest.newBuilder(SharedTestbed.urlOf(running).resolve(DogPaths.HEALTH)).build();
      Load load =
          Load.fromHealthJson(client.send(health, HttpResponse.BodyHandlers.ofString()).body());
      assertThat(load.idle(DB_POOL)).as("load after the burst: %s", load).isTrue();
    }
  }
}
