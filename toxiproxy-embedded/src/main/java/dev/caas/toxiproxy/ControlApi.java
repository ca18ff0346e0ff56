package dev.caas.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Toxiproxy's HTTP control API, route for route, with its status codes and error bodies. POST and
 * PATCH both update (Toxiproxy deprecated POST for updates, but its clients still use it).
 */
final class ControlApi implements HttpHandler {

  /** The Toxiproxy release whose API this server follows. */
  static final String TOXIPROXY_VERSION = "2.12.0";

  private static final String JSON = "application/json";

  private final ProxyRegistry registry;

  ControlApi(ProxyRegistry registry) {
    this.registry = registry;
  }

  private record Response(int status, String contentType, byte[] body) {
    static Response json(int status, JsonNode node) {
      return new Response(status, JSON, Json.bytes(node));
    }

    static Response noContent() {
      return new Response(204, null, null);
    }
  }

  /** A proxy as a client sends it; absent fields are null. */
  private record ProxyRequest(String name, String listen, String upstream, Boolean enabled) {}

  /** A toxic as a client sends it; absent fields are null. */
  private record ToxicRequest(
      String name, String type, String stream, Float toxicity, JsonNode attributes) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Response response = respond(exchange);
      if (response.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
      }
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body == null ? -1 : body.length);
      if (body != null) {
        exchange.getResponseBody().write(body);
      }
    } finally {
      exchange.close();
    }
  }

  private Response respond(HttpExchange exchange) {
    try {
      String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
      if (userAgent != null && userAgent.startsWith("Mozilla/")) {
        // Toxiproxy refuses browsers, so a web page cannot drive the API behind your back.
        return new Response(
            403,
            "text/plain; charset=utf-8",
            "User agent not allowed\n".getBytes(StandardCharsets.UTF_8));
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      return route(
          exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), body);
    } catch (ApiException e) {
      return Response.json(e.status(), Json.error(e));
    } catch (IOException | RuntimeException e) {
      return Response.json(500, Json.error(new ApiException(500, String.valueOf(e.getMessage()))));
    }
  }

  private Response route(String method, List<String> path, byte[] body)
      throws ApiException, IOException {
    String first = path.isEmpty() ? "" : path.get(0);
    return switch (path.size()) {
      case 1 ->
          switch (first) {
            case "version" -> only(method, "GET") ? version() : notAllowed();
            case "reset" -> only(method, "POST") ? reset() : notAllowed();
            case "populate" -> only(method, "POST") ? populate(body) : notAllowed();
            case "proxies" ->
                switch (method) {
                  case "GET" -> Response.json(200, proxies());
                  case "POST" -> createProxy(body);
                  default -> notAllowed();
                };
            default -> notFound();
          };
      case 2 ->
          !first.equals("proxies")
              ? notFound()
              : switch (method) {
                case "GET" -> Response.json(200, Json.proxy(registry.get(path.get(1))));
                case "POST", "PATCH" -> updateProxy(registry.get(path.get(1)), body);
                case "DELETE" -> {
                  registry.delete(path.get(1));
                  yield Response.noContent();
                }
                default -> notAllowed();
              };
      case 3 ->
          !first.equals("proxies") || !path.get(2).equals("toxics")
              ? notFound()
              : switch (method) {
                case "GET" ->
                    Response.json(200, Json.toxics(registry.get(path.get(1)).toxics().all()));
                case "POST" -> createToxic(registry.get(path.get(1)), body);
                default -> notAllowed();
              };
      case 4 ->
          !first.equals("proxies") || !path.get(2).equals("toxics")
              ? notFound()
              : switch (method) {
                case "GET" ->
                    Response.json(
                        200, Json.toxic(registry.get(path.get(1)).toxics().get(path.get(3))));
                case "POST", "PATCH" -> updateToxic(registry.get(path.get(1)), path.get(3), body);
                case "DELETE" -> {
                  registry.get(path.get(1)).toxics().remove(path.get(3));
                  yield Response.noContent();
                }
                default -> notAllowed();
              };
      default -> notFound();
    };
  }

  private static Response version() {
    // Byte for byte what Toxiproxy answers; its clients return this text as the version.
    byte[] body =
        ("{\"version\": \"" + TOXIPROXY_VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8);
    return new Response(200, "application/json;charset=utf-8", body);
  }

  private Response reset() throws IOException {
    registry.reset();
    return Response.noContent();
  }

  private ObjectNode proxies() {
    ObjectNode all = Json.MAPPER.createObjectNode();
    for (Proxy proxy : registry.all()) {
      all.set(proxy.name(), Json.proxy(proxy));
    }
    return all;
  }

  private Response createProxy(byte[] body) throws ApiException, IOException {
    ProxyRequest request = Json.convert(Json.parseObject(body), ProxyRequest.class);
    Proxy proxy = registry.create(spec(request, ""));
    return Response.json(201, Json.proxy(proxy));
  }

  private Response updateProxy(Proxy proxy, byte[] body) throws ApiException, IOException {
    ProxyRequest request = Json.convert(Json.parseObject(body), ProxyRequest.class);
    proxy.update(
        request.listen() == null ? proxy.listen() : address(request.listen()),
        request.upstream() == null ? proxy.upstream() : address(request.upstream()),
        request.enabled() == null ? proxy.enabled() : request.enabled());
    return Response.json(200, Json.proxy(proxy));
  }

  private Response populate(byte[] body) throws ApiException, IOException {
    JsonNode input = Json.parse(body);
    if (!input.isArray()) {
      throw ApiException.badRequestBody("expected a JSON array of proxies");
    }
    List<ProxyRegistry.ProxySpec> specs = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      specs.add(spec(Json.convert(input.get(i), ProxyRequest.class), " at proxy " + (i + 1)));
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.set(
        "proxies",
        Json.MAPPER.valueToTree(registry.populate(specs).stream().map(Json::proxy).toList()));
    return Response.json(201, result);
  }

  private static ProxyRegistry.ProxySpec spec(ProxyRequest request, String where)
      throws ApiException {
    if (request.name() == null || request.name().isEmpty()) {
      throw ApiException.missingField("name" + where);
    }
    if (request.upstream() == null || request.upstream().isEmpty()) {
      throw ApiException.missingField("upstream" + where);
    }
    boolean enabled = request.enabled() == null || request.enabled();
    return new ProxyRegistry.ProxySpec(
        request.name(), address(request.listen()), address(request.upstream()), enabled);
  }

  private static Response createToxic(Proxy proxy, byte[] body) throws ApiException {
    ToxicRequest request = Json.convert(Json.parseObject(body), ToxicRequest.class);
    // Checked in Toxiproxy's order: stream, type, name clash, then attributes.
    Direction stream = Direction.parse(request.stream() == null ? "downstream" : request.stream());
    String type = request.type() == null ? "" : request.type();
    String name =
        request.name() == null || request.name().isEmpty()
            ? type + "_" + stream.apiName()
            : request.name();
    Class<? extends Toxic> toxicClass = Toxic.TYPES.get(type);
    if (toxicClass == null) {
      throw ApiException.invalidToxicType();
    }
    if (proxy.toxics().find(name).isPresent()) {
      throw ApiException.toxicAlreadyExists();
    }
    JsonNode attributes =
        request.attributes() == null || request.attributes().isNull()
            ? Json.MAPPER.createObjectNode()
            : request.attributes();
    Toxic toxic = Json.convert(attributes, toxicClass);
    float toxicity = request.toxicity() == null ? 1f : request.toxicity();
    // Toxiproxy answers 200 here, not 201.
    return Response.json(
        200, Json.toxic(proxy.toxics().add(new ToxicEntry(name, stream, toxicity, toxic))));
  }

  /** Changes attributes and/or toxicity; attributes not mentioned keep their values. */
  private static Response updateToxic(Proxy proxy, String name, byte[] body) throws ApiException {
    ToxicEntry existing = proxy.toxics().get(name);
    ObjectNode request = Json.parseObject(body);
    ObjectNode attributes = Json.attributes(existing.toxic());
    JsonNode given = request.get("attributes");
    if (given != null && given.isObject()) {
      attributes.setAll((ObjectNode) given);
    } else if (given != null && !given.isNull()) {
      throw ApiException.badRequestBody("attributes must be a JSON object");
    }
    Toxic updated = Json.convert(attributes, existing.toxic().getClass());
    JsonNode toxicity = request.get("toxicity");
    float newToxicity =
        toxicity == null || toxicity.isNull()
            ? existing.toxicity()
            : Json.convert(toxicity, Float.class);
    return Response.json(
        200, Json.toxic(proxy.toxics().replace(existing.withToxic(updated, newToxicity))));
  }

  private static HostPort address(String text) throws ApiException {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  private static Response notFound() {
    return Response.json(404, Json.error(new ApiException(404, "not found")));
  }

  private static Response notAllowed() {
    return Response.json(405, Json.error(new ApiException(405, "method not allowed")));
  }

  /** The decoded, non-empty segments of a raw path: "/proxies/a%20b" is [proxies, a b]. */
  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }
}
