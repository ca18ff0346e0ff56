package dev.caas.testbed;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * PostgreSQL and the real Toxiproxy ({@value #TOXIPROXY_IMAGE}) as containers on one Docker
 * network. The upstream stays on this host; the proxy container reaches it through Testcontainers'
 * host-port tunnel ({@code host.testcontainers.internal}). Each proxy listens on a fixed port
 * inside the container, which Docker maps to a free port on this host for the variant.
 */
final class ContainerDependencies implements Dependencies {
  static final String POSTGRES_IMAGE = "postgres:16-alpine";
  static final String TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

  /** The first two of the ports the Toxiproxy container exposes (8666–8697). */
  static final int UPSTREAM_PROXY_PORT = 8666;

  static final int POSTGRES_PROXY_PORT = 8667;
  private static final String POSTGRES_ALIAS = "postgres";

  private final Network network;
  private final PostgreSQLContainer postgres;
  private final ToxiproxyContainer toxiproxyContainer;
  private final ToxiproxyClient toxiproxy;

  private ContainerDependencies(
      Network network, PostgreSQLContainer postgres, ToxiproxyContainer toxiproxyContainer) {
    this.network = network;
    this.postgres = postgres;
    this.toxiproxyContainer = toxiproxyContainer;
    this.toxiproxy =
        new ToxiproxyClient(toxiproxyContainer.getHost(), toxiproxyContainer.getControlPort());
  }

  /**
   * Starts both containers.
   *
   * @throws IllegalStateException naming what to do when no Docker engine answers
   */
  static ContainerDependencies start(int upstreamPort) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "the containers backend needs a Docker engine, and none answers here "
              + "(Testcontainers looked at DOCKER_HOST, the Docker socket and ~/.testcontainers.properties). "
              + "Start Docker, or use --backend embedded (no Docker needed) or --backend external.");
    }
    Testcontainers.exposeHostPorts(upstreamPort);
    var network = Network.newNetwork();
    var postgres =
        new PostgreSQLContainer(POSTGRES_IMAGE)
            .withNetwork(network)
            .withNetworkAliases(POSTGRES_ALIAS)
            .withCommand("postgres", "-c", "max_connections=300");
    var toxiproxy = new ToxiproxyContainer(TOXIPROXY_IMAGE).withNetwork(network);
    try {
      postgres.start();
      toxiproxy.start();
      return new ContainerDependencies(network, postgres, toxiproxy);
    } catch (RuntimeException e) {
      toxiproxy.stop();
      postgres.stop();
      network.close();
      throw e;
    }
  }

  @Override
  public Backends describe() {
    return new Backends(
        "container (" + POSTGRES_IMAGE + ")", "container (" + TOXIPROXY_IMAGE + ")");
  }

  @Override
  public String directJdbcUrl() {
    return postgres.getJdbcUrl();
  }

  @Override
  public String dbUser() {
    return postgres.getUsername();
  }

  @Override
  public String dbPassword() {
    return postgres.getPassword();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public String toxiproxyApiUrl() {
    return "http://" + toxiproxyContainer.getHost() + ":" + toxiproxyContainer.getControlPort();
  }

  @Override
  public String postgresTarget() {
    return POSTGRES_ALIAS + ":" + PostgreSQLContainer.POSTGRESQL_PORT;
  }

  @Override
  public String upstreamTarget(int upstreamPort) {
    return "host.testcontainers.internal:" + upstreamPort;
  }

  @Override
  public String listenFor(String proxyName) {
    return "0.0.0.0:" + containerPort(proxyName);
  }

  @Override
  public String reachable(Proxy proxy) {
    return toxiproxyContainer.getHost()
        + ":"
        + toxiproxyContainer.getMappedPort(containerPort(proxy.getName()));
  }

  static int containerPort(String proxyName) {
    return switch (proxyName) {
      case ProxyNames.UPSTREAM -> UPSTREAM_PROXY_PORT;
      case ProxyNames.POSTGRES -> POSTGRES_PROXY_PORT;
      default -> throw new IllegalArgumentException("no proxy named " + proxyName);
    };
  }

  @Override
  public void close() {
    toxiproxyContainer.stop();
    postgres.stop();
    network.close();
  }
}
