package dev.caas.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The external backend against servers the "user" started: a PostgreSQL and a Toxiproxy-compatible
 * API that the testbed did not start, reached only through the URLs it is given.
 */
class ExternalBackendTest {

  @Test
  void runs_against_a_database_and_toxiproxy_it_did_not_start_and_leaves_them_running()
      throws Exception {
    try (var postgres =
            EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        var toxiproxyServer = ToxiproxyServer.start("127.0.0.1", 0)) {
      String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      var options =
          TestbedOptions.external(jdbcUrl, "postgres", "postgres", toxiproxyServer.apiUrl());
      try (var testbed = Testbed.start(options)) {
        assertThat(testbed.backends().postgres()).startsWith("external");
        assertThat(testbed.backends().toxiproxy())
            .isEqualTo("external (" + toxiproxyServer.apiUrl() + ")");
        try (var connection =
            DriverManager.getConnection(testbed.jdbcUrl(), "postgres", "postgres")) {
          var statement = connection.createStatement();
          statement.execute("SELECT 1");
          testbed.setLatency(Duration.ZERO, Duration.ofMillis(80));
          long start = System.nanoTime();
          statement.execute("SELECT count(*) FROM dog");
          assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(80);
        }
      }
      var client = new ToxiproxyClient("127.0.0.1", toxiproxyServer.port());
      assertThat(client.getProxies())
          .as("the testbed removes its proxies, not the server")
          .isEmpty();
      assertThat(client.version()).isNotBlank();
    }
  }
}
