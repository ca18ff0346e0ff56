package dev.caas.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.DogHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestbedTest {
  private static Testbed testbed;

  @BeforeAll
  static void start() throws Exception {
    testbed = Testbed.start();
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  @Test
  void the_database_behind_the_proxy_knows_every_dog() throws Exception {
    try (var connection =
            DriverManager.getConnection(testbed.jdbcUrl(), testbed.dbUser(), testbed.dbPassword());
        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM dog")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(testbed.upstream().filenames().size());
    }
  }

  @Test
  void the_embedded_database_is_a_process_of_this_machine_whose_pid_it_says() {
    long pid = testbed.postgresPid().orElseThrow();
    assertThat(ProcessHandle.of(pid))
        .hasValueSatisfying(
            postmaster -> assertThat(postmaster.info().command().orElse("")).endsWith("postgres"));
  }

  @Test
  void the_upstream_behind_the_proxy_serves_its_photos() throws Exception {
    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    var response =
        client.send(
            HttpRequest.newBuilder(testbed.upstreamUrl().resolve("/dog")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    String filename = response.headers().firstValue(DogHeaders.X_FILENAME).orElseThrow();
    assertThat(response.body()).isEqualTo(testbed.upstream().photo(filename));
  }

  @Test
  void latency_is_paid_once_per_database_round_trip_on_an_open_connection() throws Exception {
    assertThat(millisOfOneRoundTrip(testbed, Duration.ofMillis(100))).isBetween(100L, 160L);
    assertThat(millisOfOneRoundTrip(testbed, Duration.ZERO)).isLessThan(50L);
  }

  @Test
  void billing_is_counted_per_filename_and_can_be_cleared() throws Exception {
    try (var connection =
        DriverManager.getConnection(
            testbed.directJdbcUrl(), testbed.dbUser(), testbed.dbPassword())) {
      connection
          .createStatement()
          .execute(
              "INSERT INTO billing_event(request_id, filename) VALUES (gen_random_uuid(), 'pug-14.jpg'),"
                  + " (gen_random_uuid(), 'pug-14.jpg')");
    }
    assertThat(testbed.billingCounts()).containsEntry("pug-14.jpg", 2L);
    testbed.clearBilling();
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void everything_listens_on_loopback_only() throws Exception {
    assertThat(testbed.upstreamUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(java.net.URI.create(testbed.toxiproxyApiUrl()).getHost()).isEqualTo("127.0.0.1");
    for (String proxy : java.util.List.of(ProxyNames.UPSTREAM, ProxyNames.POSTGRES)) {
      assertThat(testbed.proxy(proxy).getListen()).as("proxy %s", proxy).startsWith("127.0.0.1:");
    }
    try (var connection =
            DriverManager.getConnection(
                testbed.directJdbcUrl(), testbed.dbUser(), testbed.dbPassword());
        var rows = connection.createStatement().executeQuery("SHOW listen_addresses")) {
      rows.next();
      assertThat(rows.getString(1)).isIn("127.0.0.1", "localhost");
    }
  }

  @Test
  void a_fault_is_injected_and_healed_again() throws Exception {
    try (var injected = Fault.UPSTREAM_DOWN.injectInto(testbed, Duration.ofSeconds(1))) {
      assertThat(testbed.proxy(ProxyNames.UPSTREAM).isEnabled()).isFalse();
    }
    assertThat(testbed.proxy(ProxyNames.UPSTREAM).isEnabled()).isTrue();
    try (var injected = Fault.POSTGRES_LATENCY.injectInto(testbed, Duration.ofSeconds(1))) {
      assertThat(testbed.proxy(ProxyNames.POSTGRES).toxics().getAll()).hasSize(1);
    }
    assertThat(testbed.proxy(ProxyNames.POSTGRES).toxics().getAll()).isEmpty();
    assertThat(Fault.parseList("all")).containsExactly(Fault.values());
    assertThat(Fault.parseList("postgres-down,upstream-reset"))
        .containsExactly(Fault.POSTGRES_DOWN, Fault.UPSTREAM_RESET);
  }

  @Test
  void a_harness_attaches_through_the_json_served_over_http_and_drives_the_latency()
      throws Exception {
    try (var served = EndpointsServer.start("127.0.0.1", 0)) {
      String url = served.url().toString();
      assertThatThrownBy(() -> TestbedEndpoints.read(url))
          .as("before the testbed is ready")
          .hasMessageContaining("503");
      served.publish(TestbedMain.json(TestbedMain.endpoints(testbed)));

      Testbed attached = Testbed.attach(TestbedEndpoints.read(url));
      try {
        assertThat(millisOfOneRoundTrip(attached, Duration.ofMillis(100)))
            .as("the latency set through the attached testbed")
            .isGreaterThanOrEqualTo(100L);
      } finally {
        attached.close();
      }
      assertThat(testbed.proxy(ProxyNames.POSTGRES).isEnabled())
          .as("closing the attached testbed leaves the served one running")
          .isTrue();
    }
  }

  /**
   * One {@code SELECT 1} on an open connection through the {@code postgres} proxy, with {@code
   * latency} set on that proxy by {@code driver} (this testbed, or one attached to it); reset
   * after.
   */
  private static long millisOfOneRoundTrip(Testbed driver, Duration latency) throws Exception {
    try (var connection =
        DriverManager.getConnection(testbed.jdbcUrl(), testbed.dbUser(), testbed.dbPassword())) {
      var statement = connection.createStatement();
      statement.execute("SELECT 1");
      driver.setLatency(Duration.ZERO, latency);
      try {
        long start = System.nanoTime();
        statement.execute("SELECT 1");
        return (System.nanoTime() - start) / 1_000_000;
      } finally {
        driver.setLatency(Duration.ZERO, Duration.ZERO);
      }
    }
  }
}
