package dev.caas.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a running {@code caas testbed} answers, as the JSON it writes says ({@link
 * TestbedMain#endpoints}): what a harness on this host or another needs to drive it with {@link
 * Testbed#attach}, and what an implementation must be configured with ({@link #environment}).
 *
 * @param upstreamUrl the dog upstream through the {@code upstream} proxy
 * @param jdbcUrl the database through the {@code postgres} proxy
 * @param toxiproxyUrl the Toxiproxy API
 * @param directUpstreamUrl the dog upstream without the proxy, on the testbed's host
 * @param directJdbcUrl the database without the proxy, on the testbed's host
 * @param environment the {@code CAAS_*} variables for an implementation
 */
public record TestbedEndpoints(
    String upstreamUrl,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String toxiproxyUrl,
    String directUpstreamUrl,
    String directJdbcUrl,
    Map<String, String> environment) {

  /** Reads the JSON from a file, or from an {@code http(s)://} URL that serves it. */
  public static TestbedEndpoints read(String fileOrUrl) throws IOException {
    String json;
    if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
      var request =
          HttpRequest.newBuilder(URI.create(fileOrUrl)).timeout(Duration.ofSeconds(10)).build();
      try (var client = HttpClient.newHttpClient()) {
        var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          throw new IOException(fileOrUrl + " answered " + answer.statusCode());
        }
        json = answer.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading " + fileOrUrl, e);
      }
    } else {
      json = Files.readString(Path.of(fileOrUrl));
    }
    return parse(json);
  }

  /** The JSON {@code caas testbed} prints and writes. */
  public static TestbedEndpoints parse(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode postgres = required(root, "postgres");
    JsonNode direct = required(root, "direct");
    var environment = new LinkedHashMap<String, String>();
    required(root, "environment")
        .properties()
        .forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
    return new TestbedEndpoints(
        required(root, "upstreamUrl").asText(),
        required(postgres, "jdbcUrl").asText(),
        required(postgres, "user").asText(),
        required(postgres, "password").asText(),
        required(root, "toxiproxyUrl").asText(),
        required(direct, "upstreamUrl").asText(),
        required(direct, "jdbcUrl").asText(),
        java.util.Collections.unmodifiableMap(environment));
  }

  private static JsonNode required(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IOException("not the JSON of caas testbed: no \"" + field + "\"");
    }
    return value;
  }
}
