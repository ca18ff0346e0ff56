package dev.caas.testbed;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.URI;

/**
 * A PostgreSQL and a Toxiproxy the user runs (e.g. {@code toxiproxy-server} from Shopify's
 * release). The testbed creates its two proxies on that Toxiproxy, listening on loopback, and
 * removes them on close; it stops nothing it did not start.
 */
final class ExternalDependencies implements Dependencies {
  private final TestbedOptions options;
  private final URI jdbcTarget;
  private final URI toxiproxyUrl;
  private final ToxiproxyClient toxiproxy;

  ExternalDependencies(TestbedOptions options) {
    this.options = options;
    this.jdbcTarget = URI.create(options.jdbcUrl().substring("jdbc:".length()));
    this.toxiproxyUrl = URI.create(options.toxiproxyUrl());
    if (toxiproxyUrl.getHost() == null || toxiproxyUrl.getPort() < 0) {
      throw new IllegalArgumentException(
          "expected a Toxiproxy API URL like http://127.0.0.1:8474, got " + options.toxiproxyUrl());
    }
    this.toxiproxy = new ToxiproxyClient(toxiproxyUrl.getHost(), toxiproxyUrl.getPort());
  }

  /** Removes proxies of ours left behind by an earlier run against the same server. */
  void removeStaleProxies() throws IOException {
    for (String name : new String[] {ProxyNames.UPSTREAM, ProxyNames.POSTGRES}) {
      Proxy stale = toxiproxy.getProxyOrNull(name);
      if (stale != null) {
        stale.delete();
      }
    }
  }

  @Override
  public Backends describe() {
    return new Backends(
        "external (" + jdbcTarget.getHost() + ":" + port(jdbcTarget, 5432) + ")",
        "external (" + options.toxiproxyUrl() + ")");
  }

  @Override
  public String directJdbcUrl() {
    return options.jdbcUrl();
  }

  @Override
  public String dbUser() {
    return options.dbUser();
  }

  @Override
  public String dbPassword() {
    return options.dbPassword();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public String toxiproxyApiUrl() {
    return options.toxiproxyUrl();
  }

  @Override
  public String postgresTarget() {
    return jdbcTarget.getHost() + ":" + port(jdbcTarget, 5432);
  }

  @Override
  public String upstreamTarget(int upstreamPort) {
    return TestbedOptions.LOOPBACK + ":" + upstreamPort; // where the testbed starts the upstream
  }

  @Override
  public String listenFor(String proxyName) {
    return HostPorts.anyPortOn(options.listenAddress());
  }

  @Override
  public String reachable(Proxy proxy) {
    return proxy.getListen();
  }

  @Override
  public void close() {
    try {
      removeStaleProxies();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not remove the testbed's proxies from " + options.toxiproxyUrl(), e);
    }
  }

  private static int port(URI uri, int fallback) {
    return uri.getPort() < 0 ? fallback : uri.getPort();
  }
}
