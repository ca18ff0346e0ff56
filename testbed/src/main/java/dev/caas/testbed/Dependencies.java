package dev.caas.testbed;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/**
 * The testbed's PostgreSQL and Toxiproxy, wherever they run. The three backends differ only in
 * addresses: how the proxy reaches PostgreSQL and the upstream, and how a variant on this host
 * reaches the proxy.
 */
interface Dependencies extends AutoCloseable {
  Backends describe();

  /** JDBC URL straight to PostgreSQL, from this host. */
  String directJdbcUrl();

  String dbUser();

  String dbPassword();

  ToxiproxyClient toxiproxy();

  String toxiproxyApiUrl();

  /** Where the {@code postgres} proxy forwards to, as the proxy sees it. */
  String postgresTarget();

  /**
   * Where the {@code upstream} proxy forwards to, for an upstream listening on this host's
   * loopback.
   */
  String upstreamTarget(int upstreamPort);

  /** The listen address to ask Toxiproxy for. */
  String listenFor(String proxyName);

  /** host:port at which a variant on this host reaches the proxy. */
  String reachable(Proxy proxy);

  /** The Toxiproxy server's process id when the testbed started it as a child JVM, else -1. */
  default long toxiproxyPid() {
    return -1;
  }

  @Override
  void close();
}
