package dev.caas.harness.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Load;
import dev.caas.harness.variant.VariantProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A target's optional {@code GET /health} (CONTRACT.md): its name, its limits and its load, when it
 * answers in the contract's shape. An implementation without it is measured all the same; its
 * limits are then unknown, and nobody can wait for its compensations.
 */
final class TargetHealth implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpRequest request;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  TargetHealth(URI target) {
    this.request =
        HttpRequest.newBuilder(target.resolve(DogPaths.HEALTH))
            .timeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * What it says of itself, read once: the name it answers under and its limits, each empty when
   * {@code /health} does not say (or there is none: 404).
   */
  Identity identity() {
    Optional<JsonNode> health;
    try {
      health = answer();
    } catch (IOException e) {
      health = Optional.empty();
    }
    return new Identity(
        health.map(h -> h.path("variant").asText("")).filter(name -> !name.isEmpty()),
        health.map(h -> h.path("limits")).filter(JsonNode::isObject).map(VariantProcess::limits));
  }

  /** Its name, if it says, and its limits when {@code /health} carries them (else unknown). */
  record Identity(Optional<String> name, Optional<Limits> limits) {}

  /** Its load now; empty when it reports none; throws when it does not answer at all. */
  Optional<Load> load() {
    try {
      return answer().flatMap(VariantProcess::loadOf);
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " did not answer", e);
    }
  }

  /** The body of a 200; empty for any other status. */
  private Optional<JsonNode> answer() throws IOException {
    try {
      var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200
          ? Optional.of(JSON.readTree(answer.body()))
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
