package dev.caas.testbed;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.URI;

/**
 * The PostgreSQL and Toxiproxy of a testbed that another process started ({@code caas testbed}),
 * perhaps on another host, found through the JSON it printed. This side starts nothing and stops
 * nothing: its proxies already exist, and only their toxics and the database's ledger are touched.
 *
 * @param directJdbcUrl how this host reads the ledger: straight to PostgreSQL where that is
 *     reachable, else through the {@code postgres} proxy (read with no latency on it)
 */
record AttachedDependencies(
    String directJdbcUrl, String dbUser, String dbPassword, String toxiproxyApiUrl)
    implements Dependencies {

  @Override
  public Backends describe() {
    return new Backends(
        "attached (" + URI.create(directJdbcUrl.substring("jdbc:".length())).getAuthority() + ")",
        "attached (" + toxiproxyApiUrl + ")");
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    URI api = URI.create(toxiproxyApiUrl);
    return new ToxiproxyClient(api.getHost(), api.getPort());
  }

  @Override
  public String postgresTarget() {
    throw new UnsupportedOperationException("an attached testbed's proxies exist already");
  }

  @Override
  public String upstreamTarget(int upstreamPort) {
    throw new UnsupportedOperationException("an attached testbed's proxies exist already");
  }

  @Override
  public String listenFor(String proxyName) {
    throw new UnsupportedOperationException("an attached testbed's proxies exist already");
  }

  @Override
  public String reachable(Proxy proxy) {
    return proxy.getListen();
  }

  @Override
  public void close() {
    // The process that started the testbed stops it.
  }
}
