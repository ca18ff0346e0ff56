package dev.caas.testbed;

import dev.caas.contract.DogPaths;
import dev.caas.contract.SeedDogs;
import dev.caas.contract.Sql;
import dev.caas.upstream.DogUpstream;
import dev.caas.upstream.DogUpstreamMain;
import dev.caas.upstream.UpstreamFault;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;

/**
 * PostgreSQL (schema and seed applied), a Toxiproxy with the proxies {@code upstream} and {@code
 * postgres}, and the canine upstream; all closed together. Where PostgreSQL and Toxiproxy come from
 * is the {@link Backend}: embedded (the default without Docker), containers, or external.
 *
 * <pre>{@code
 * try (var testbed = Testbed.start()) {
 *   // give a variant testbed.jdbcUrl() and testbed.upstreamUrl(), fill its pools, then:
 *   testbed.setLatency(Duration.ofMillis(100), Duration.ofMillis(100));
 * }
 * }</pre>
 */
public final class Testbed implements AutoCloseable {
  private static final String LOOPBACK = TestbedOptions.LOOPBACK;
  private static final long UPSTREAM_SEED = 42;

  /** What {@link DogUpstreamMain} prints once it listens. */
  private static final Pattern UPSTREAM_READY = Pattern.compile("dog upstream listening on (\\S+)");

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
  private final TestbedOptions options;
  private Dependencies dependencies;

  /** The upstream in this JVM, or null when it runs in a process of its own. */
  private DogUpstream upstream;

  private ChildJvm upstreamProcess;
  private URI upstreamDirectUrl;
  private Proxy upstreamProxy;
  private Proxy postgresProxy;

  private Testbed(TestbedOptions options) {
    this.options = options;
  }

  /**
   * Starts with {@link Backend#AUTO}: containers where Docker answers, else embedded. No latency
   * yet.
   */
  public static Testbed start() throws IOException {
    return start(TestbedOptions.auto());
  }

  /** Starts with the given backend. Embedded takes ≈ 2–4 s, most of it PostgreSQL. */
  public static Testbed start(TestbedOptions options) throws IOException {
    var testbed = new Testbed(options);
    try {
      testbed.startUpstream();
      testbed.dependencies = startDependencies(options, testbed.upstreamDirectUrl.getPort());
      testbed.toClose.push(testbed.dependencies);
      testbed.applySchemaAndSeed();
      testbed.createProxies();
      return testbed;
    } catch (IOException | RuntimeException e) {
      testbed.close();
      throw e;
    }
  }

  /**
   * A testbed that {@code caas testbed} runs in another process, perhaps on another host, described
   * by the JSON it wrote ({@code --json FILE}) or serves ({@link EndpointsServer}), as {@link
   * TestbedEndpoints#read} reads either: its latency, faults and ledger are driven from here;
   * {@link #close} leaves it running. The ledger is read straight from PostgreSQL when the JSON's
   * direct address is on the same host as its proxies (everything on one machine), else through the
   * {@code postgres} proxy, which the harness reads only with no latency on it.
   */
  public static Testbed attach(TestbedEndpoints endpoints) throws IOException {
    var testbed = new Testbed(TestbedOptions.of(Backend.AUTO));
    // Proxies on loopback: the testbed runs on this host, and so do its direct addresses.
    boolean sameHost = isLoopback(URI.create(endpoints.upstreamUrl()).getHost());
    testbed.dependencies =
        new AttachedDependencies(
            sameHost ? endpoints.directJdbcUrl() : endpoints.jdbcUrl(),
            endpoints.dbUser(),
            endpoints.dbPassword(),
            endpoints.toxiproxyUrl());
    // Through the proxy the upstream's fault switch is reached too: Toxiproxy forwards any TCP.
    testbed.upstreamDirectUrl =
        URI.create(sameHost ? endpoints.directUpstreamUrl() : endpoints.upstreamUrl());
    ToxiproxyClient client = testbed.dependencies.toxiproxy();
    testbed.upstreamProxy = client.getProxy(ProxyNames.UPSTREAM);
    testbed.postgresProxy = client.getProxy(ProxyNames.POSTGRES);
    return testbed;
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a Docker engine answers (Testcontainers' own check; ≈ 0.3 s the first time, cached
   * after).
   */
  public static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  private void startUpstream() throws IOException {
    if (options.processes() == ProcessLayout.SEPARATE_PROCESSES) {
      upstreamProcess =
          ChildJvm.start(
              "dog-upstream",
              DogUpstreamMain.class,
              List.of("--host", LOOPBACK, "--port", "0", "--seed", String.valueOf(UPSTREAM_SEED)),
              UPSTREAM_READY);
      toClose.push(upstreamProcess);
      upstreamDirectUrl = URI.create(upstreamProcess.readyValue());
    } else {
      upstream = DogUpstream.start(LOOPBACK, 0, UPSTREAM_SEED);
      toClose.push(upstream);
      upstreamDirectUrl = upstream.url();
    }
  }

  private static Dependencies startDependencies(TestbedOptions options, int upstreamPort)
      throws IOException {
    Backend backend =
        options.backend() == Backend.AUTO
            ? Backend.AUTO.resolve(dockerAvailable())
            : options.backend();
    return switch (backend) {
      case EMBEDDED -> EmbeddedDependencies.start(options);
      case CONTAINERS -> ContainerDependencies.start(upstreamPort);
      case EXTERNAL -> {
        var external = new ExternalDependencies(options);
        external.removeStaleProxies();
        yield external;
      }
      case AUTO -> throw new IllegalStateException("AUTO resolves to a concrete backend");
    };
  }

  private void applySchemaAndSeed() throws IOException {
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
      throw new IOException(
          "could not apply schema and seed to " + dependencies.directJdbcUrl(), e);
    }
  }

  private void createProxies() throws IOException {
    ToxiproxyClient client = dependencies.toxiproxy();
    upstreamProxy =
        client.createProxy(
            ProxyNames.UPSTREAM,
            dependencies.listenFor(ProxyNames.UPSTREAM),
            dependencies.upstreamTarget(upstreamDirectUrl.getPort()));
    postgresProxy =
        client.createProxy(
            ProxyNames.POSTGRES,
            dependencies.listenFor(ProxyNames.POSTGRES),
            dependencies.postgresTarget());
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
    return "jdbc:postgresql://" + dependencies.reachable(postgresProxy) + "/" + databaseName();
  }

  /** The same database for R2DBC, through the proxy. */
  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + dependencies.reachable(postgresProxy) + "/" + databaseName();
  }

  /** {@code host:port} of the {@code postgres} proxy: where a variant's database connections go. */
  public String postgresProxyAddress() {
    return dependencies.reachable(postgresProxy);
  }

  /** The database the schema and seed live in. */
  public String databaseName() {
    String direct = dependencies.directJdbcUrl();
    String path = URI.create(direct.substring("jdbc:".length())).getPath();
    return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
  }

  /**
   * JDBC URL straight to PostgreSQL, bypassing the proxy: for checks that must not pay the latency.
   */
  public String directJdbcUrl() {
    return dependencies.directJdbcUrl();
  }

  public String dbUser() {
    return dependencies.dbUser();
  }

  public String dbPassword() {
    return dependencies.dbPassword();
  }

  /** The canine upstream through the {@code upstream} proxy: what a variant gets. */
  public URI upstreamUrl() {
    return URI.create("http://" + dependencies.reachable(upstreamProxy));
  }

  /**
   * The canine upstream itself (its photos, its fault modes), when it runs in this JVM.
   *
   * @throws IllegalStateException when it runs in a process of its own: use {@link
   *     #setUpstreamFault} and {@link #upstreamDirectUrl()} then
   */
  public DogUpstream upstream() {
    if (upstream == null) {
      throw new IllegalStateException(
          "the dog upstream runs in "
              + (upstreamProcess != null ? "process " + upstreamProcess.pid() : upstreamDirectUrl)
              + "; switch faults with setUpstreamFault, read photos with photo(filename)");
    }
    return upstream;
  }

  /** The canine upstream without the proxy in front: for checks that must not pay the latency. */
  public URI upstreamDirectUrl() {
    return upstreamDirectUrl;
  }

  /**
   * The exact bytes the upstream serves for {@code filename}: from this JVM, or asked of the
   * upstream over HTTP ({@code GET /dog/FILENAME}) where it runs elsewhere.
   */
  public byte[] photo(String filename) {
    if (upstream != null) {
      return upstream.photo(filename);
    }
    var request =
        HttpRequest.newBuilder(upstreamDirectUrl.resolve(DogPaths.DOG + "/" + filename))
            .timeout(Duration.ofSeconds(10))
            .build();
    try (var client = HttpClient.newHttpClient()) {
      var answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IllegalArgumentException(
            "the upstream answered " + answer.statusCode() + " for " + filename);
      }
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + filename + " from the upstream", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + filename, e);
    }
  }

  /** Switches the upstream's fault, in this JVM or over its admin endpoint in its own process. */
  public void setUpstreamFault(UpstreamFault fault) {
    if (upstream != null) {
      upstream.setFault(fault);
      return;
    }
    var request =
        HttpRequest.newBuilder(upstreamDirectUrl.resolve("/admin/fault/" + fault.name()))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    try (var client = HttpClient.newHttpClient()) {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 204) {
        throw new IllegalStateException("the upstream answered " + status + " to " + request);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not switch the upstream's fault to " + fault, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while switching the upstream's fault", e);
    }
  }

  /**
   * Where the proxy and the upstream run and which addresses the proxy dials from: what {@link
   * RigBudget#check} needs, and what a report's provenance should say.
   */
  public TestbedLayout layout() {
    List<String> sources =
        options.proxySourceAddresses().isEmpty()
            ? List.of(LOOPBACK)
            : options.proxySourceAddresses();
    return new TestbedLayout(
        options.processes(),
        sources,
        dependencies.toxiproxyPid(),
        upstreamProcess == null ? -1 : upstreamProcess.pid());
  }

  public String toxiproxyApiUrl() {
    return dependencies.toxiproxyApiUrl();
  }

  /** The official client, connected to this testbed's Toxiproxy: for toxics beyond latency. */
  public ToxiproxyClient toxiproxy() {
    return dependencies.toxiproxy();
  }

  /** One of the {@link ProxyNames}. */
  public Proxy proxy(String name) {
    return switch (name) {
      case ProxyNames.UPSTREAM -> upstreamProxy;
      case ProxyNames.POSTGRES -> postgresProxy;
      default -> throw new IllegalArgumentException("no proxy named " + name);
    };
  }

  /** Which PostgreSQL and Toxiproxy run, for a report's provenance. */
  public Backends backends() {
    return dependencies.describe();
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

  /**
   * Holds an exclusive lock on the {@code dog} table, as a long migration would, until the returned
   * handle is closed: every name lookup waits for it, while billing inserts go through. So a
   * request's billing commits and its name lookup then runs into the deadline: the case the
   * compensation exists for.
   */
  public AutoCloseable lockDogTable() {
    try {
      Connection connection = directConnection();
      connection.setAutoCommit(false);
      connection.createStatement().execute("LOCK TABLE dog IN ACCESS EXCLUSIVE MODE");
      return () -> {
        try (connection) {
          connection.rollback();
        }
      };
    } catch (SQLException e) {
      throw new IllegalStateException("could not lock the dog table", e);
    }
  }

  /**
   * The PostgreSQL server's process id (the postmaster: the parent of the backend that answers a
   * direct connection), for metering it with its backends; empty when it is not a process of this
   * machine (a container, an external server) or cannot be reached. Zonky's embedded PostgreSQL
   * does not say its pid.
   */
  public OptionalLong postgresPid() {
    try (Connection connection = directConnection();
        var rows = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return ProcessHandle.of(rows.getLong(1))
          .flatMap(ProcessHandle::parent)
          .map(parent -> OptionalLong.of(parent.pid()))
          .orElse(OptionalLong.empty());
    } catch (SQLException e) {
      return OptionalLong.empty();
    }
  }

  /** Statements of other sessions now waiting for a lock (a cancelled statement no longer does). */
  public int statementsWaitingForLocks() {
    try (Connection connection = directConnection();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read pg_stat_activity", e);
    }
  }

  private Connection directConnection() throws SQLException {
    return DriverManager.getConnection(directJdbcUrl(), dbUser(), dbPassword());
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
