package dev.caas.toxiproxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Toxiproxy-compatible server running in this JVM: the HTTP control API on {@code host:port}, and
 * the proxies created through it. Any Toxiproxy client can drive it.
 *
 * <pre>{@code
 * try (ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0)) {
 *     ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.port());
 *     ...
 * }
 * }</pre>
 */
public final class ToxiproxyServer implements AutoCloseable {

  private final HttpServer http;
  private final ExecutorService executor;
  private final ProxyRegistry registry;
  private final String host;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ToxiproxyServer(
      HttpServer http, ExecutorService executor, ProxyRegistry registry, String host) {
    this.http = http;
    this.executor = executor;
    this.registry = registry;
    this.host = host;
  }

  /**
   * Starts the control API on {@code host:port}; port 0 picks a free port (see {@link #port()}).
   * Use {@code 127.0.0.1} to stay reachable from this machine only.
   */
  public static ToxiproxyServer start(String host, int port) throws IOException {
    return start(host, port, List.of());
  }

  /**
   * As {@link #start(String, int)}, with proxies dialling their upstreams from {@code dialFrom} in
   * turn (e.g. 127.0.0.1, 127.0.0.2), each address bringing its own range of ephemeral ports; an
   * empty list lets the kernel choose.
   */
  public static ToxiproxyServer start(String host, int port, List<InetAddress> dialFrom)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(host);
    }
    ProxyRegistry registry = new ProxyRegistry(new DialSources(dialFrom));
    HttpServer http = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    http.createContext("/", new ControlApi(registry));
    http.start();
    return new ToxiproxyServer(http, executor, registry, host);
  }

  /** The port the control API listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The control API's base URL, e.g. {@code http://127.0.0.1:8474}. */
  public String apiUrl() {
    String urlHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + urlHost + ":" + port();
  }

  /** Stops the control API and every proxy, closing all their connections. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    registry.close();
    executor.shutdownNow();
  }
}
