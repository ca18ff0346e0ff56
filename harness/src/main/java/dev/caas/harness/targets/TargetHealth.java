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

  /** The body, when it answers 200 with JSON; empty otherwise (404: it has no /health). */
  Optional<JsonNode> read() {
    try {
      var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200
          ? Optional.of(JSON.readTree(answer.body()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The name it answers under, if it says. */
  Optional<String> name() {
    return read().map(h -> h.path("variant").asText("")).filter(name -> !name.isEmpty());
  }

  /** Its limits when {@code /health} carries a {@code "limits"} object; empty: limits unknown. */
  Optional<Limits> limits() {
    return read().map(h -> h.path("limits")).filter(JsonNode::isObject).map(VariantProcess::limits);
  }

  /** Its load now; empty when it reports none; throws when it does not answer at all. */
  Optional<Load> load() {
    try {
      var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200
          ? VariantProcess.loadOf(JSON.readTree(answer.body()))
          : Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
