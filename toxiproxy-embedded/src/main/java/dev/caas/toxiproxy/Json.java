package dev.caas.toxiproxy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** The API's JSON: the shapes Toxiproxy writes for proxies, toxics and errors, and body parsing. */
final class Json {

  /** Like Go's encoding/json, unknown fields in a request are ignored. */
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** {@code {"name", "listen", "upstream", "enabled", "toxics": [...]}} */
  static ObjectNode proxy(Proxy proxy) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", proxy.name());
    node.put("listen", proxy.listen().toString());
    node.put("upstream", proxy.upstream().toString());
    node.put("enabled", proxy.enabled());
    node.set("toxics", toxics(proxy.toxics().all()));
    return node;
  }

  static ArrayNode toxics(List<ToxicEntry> entries) {
    ArrayNode array = MAPPER.createArrayNode();
    entries.forEach(entry -> array.add(toxic(entry)));
    return array;
  }

  /**
   * {@code {"name", "type", "stream", "toxicity", "attributes": {...}}}; every attribute present.
   */
  static ObjectNode toxic(ToxicEntry entry) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", entry.name());
    node.put("type", entry.toxic().type());
    node.put("stream", entry.stream().apiName());
    node.put("toxicity", entry.toxicity());
    node.set("attributes", attributes(entry.toxic()));
    return node;
  }

  static ObjectNode attributes(Toxic toxic) {
    return MAPPER.valueToTree(toxic);
  }

  static ObjectNode error(ApiException e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("error", e.getMessage());
    node.put("status", e.status());
    return node;
  }

  /** Parses a request body; like Go's decoder, an empty body is an error ("EOF"). */
  static JsonNode parse(byte[] body) throws ApiException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequestBody("EOF");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequestBody(oneLine(e));
    }
  }

  /** Parses a request body that must be a JSON object. */
  static ObjectNode parseObject(byte[] body) throws ApiException {
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw ApiException.badRequestBody("expected a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Binds a JSON tree to a type, reporting a mismatch as a bad request. */
  static <T> T convert(JsonNode node, Class<T> type) throws ApiException {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequestBody(oneLine(e));
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static String oneLine(Exception e) {
    String message =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException json
            ? json.getOriginalMessage()
            : String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
