package dev.caas.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves the JSON of a running {@code caas testbed} at {@code /testbed.json}, so a harness on
 * another host can attach with {@code --testbed http://HOST:PORT/testbed.json} instead of having
 * the file copied to it ({@link TestbedEndpoints#read} reads either). The JDK's own small HTTP
 * server is enough: one document, read a few times per run. It listens on the testbed's listen
 * address, so it is no more exposed than the proxies beside it.
 *
 * <p>It listens before the testbed has started and answers 503 until {@link #publish} is given the
 * JSON: on a port fixed in advance, a harness that asks too early is told "not yet", not refused.
 */
public final class EndpointsServer implements AutoCloseable {
  /** Where the JSON is served. */
  public static final String PATH = "/testbed.json";

  private final HttpServer server;
  private final URI url;
  private volatile byte[] json;

  private EndpointsServer(String address, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext(PATH, this::answer);
    url =
        URI.create(
            "http://" + HostPorts.uriHost(address) + ":" + server.getAddress().getPort() + PATH);
  }

  /**
   * Listens on {@code address}, port {@code port} (0: any free port; {@link #url} says which), and
   * answers 503 until {@link #publish}.
   */
  public static EndpointsServer start(String address, int port) throws IOException {
    var endpointsServer = new EndpointsServer(address, port);
    endpointsServer.server.start();
    return endpointsServer;
  }

  /** From now on, serves {@code json}: the testbed it describes is ready. */
  public void publish(String json) {
    this.json = json.getBytes(StandardCharsets.UTF_8);
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = json;
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
      } else if (body == null) {
        exchange.sendResponseHeaders(503, -1);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
        if (method.equals("GET")) {
          exchange.getResponseBody().write(body);
        }
      }
    }
  }

  /** Where the JSON is, e.g. {@code http://127.0.0.1:41234/testbed.json}. */
  public URI url() {
    return url;
  }

  /** Stops at once: nobody waits for this document. */
  @Override
  public void close() {
    server.stop(0);
  }
}
