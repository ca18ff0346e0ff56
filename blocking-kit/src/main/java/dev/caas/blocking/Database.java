package dev.caas.blocking;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.caas.contract.VariantOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A HikariCP pool that costs exactly one round trip per statement, even at 15 s of injected
 * latency.
 *
 * <p>Three defaults of HikariCP would add hidden round trips through the proxy, turning the
 * theory's 3L into 5L or worse:
 *
 * <ul>
 *   <li>a connection idle for more than 500 ms is checked with {@code isValid} when borrowed (an
 *       extra round trip, and a 5 s validation timeout that fails outright at 15 s of latency). The
 *       check is switched off with {@code com.zaxxer.hikari.aliveBypassWindowMs}; a dead connection
 *       still fails its statement, and Hikari evicts it then;
 *   <li>a keep-alive probe on idle connections every 2 minutes ({@code keepaliveTime}): off;
 *   <li>connections retire after 30 minutes and are reopened (2+ round trips each): {@code
 *       maxLifetime} off.
 * </ul>
 *
 * The pool is filled at start-up, before any latency is injected, and never shrinks (minimum =
 * maximum). Opening a connection through the proxy takes several round trips, so timeouts follow
 * the deadline. The per-request waits are shorter: {@link Jdbc} asks for a connection with what is
 * left of the request's deadline.
 */
final class Database {
  private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";
  private static final int CLIENT_CHECK_MILLIS = 100;
  private static final String BROKEN_CONNECTION_LOG =
      "org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection";
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

  private Database() {}

  /**
   * Builds and fills the pool.
   *
   * @param tuning applied after the settings above, before the pool is built
   */
  static HikariDataSource pool(
      VariantOptions options, String poolName, Consumer<HikariConfig> tuning) {
    System.setProperty(ALIVE_BYPASS_WINDOW, String.valueOf(Long.MAX_VALUE));
    // A connection aborted at a request's deadline is expected, and Hikari warns about each with a
    // full stack
    // trace, written while the request waits to be answered: errors only from that logger
    // (slf4j-simple reads
    // the level when the logger is first made, i.e. when the pool below is built).
    System.setProperty(BROKEN_CONNECTION_LOG, System.getProperty(BROKEN_CONNECTION_LOG, "error"));
    // Opening a connection (at start-up, or replacing a broken one) is not a request's wait: it
    // gets at least
    // OPEN_TIMEOUT even when requests have a short deadline, so a loaded machine still starts.
    long timeoutMillis = Math.max(OPEN_TIMEOUT.toMillis(), options.deadline().toMillis());
    long timeoutSeconds = Math.max(1, timeoutMillis / 1_000);
    var config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(options.dbUrl());
    config.setUsername(options.dbUser());
    config.setPassword(options.dbPassword());
    config.setMaximumPoolSize(options.dbPool());
    config.setMinimumIdle(options.dbPool());
    config.setKeepaliveTime(0);
    config.setMaxLifetime(0);
    config.setIdleTimeout(0);
    config.setConnectionTimeout(timeoutMillis);
    config.setInitializationFailTimeout(timeoutMillis);
    config.addDataSourceProperty("connectTimeout", String.valueOf(timeoutSeconds));
    config.addDataSourceProperty("loginTimeout", String.valueOf(timeoutSeconds));
    config.addDataSourceProperty("ApplicationName", poolName);
    // A statement whose connection was aborted at a request's deadline must not run on: the server
    // checks
    // every 100 ms of a running statement (a lock wait too) whether its client is still there, and
    // cancels
    // it otherwise. PostgreSQL 14+; older servers refuse the unknown setting at connect.
    config.addDataSourceProperty(
        "options", "-c client_connection_check_interval=" + CLIENT_CHECK_MILLIS);
    tuning.accept(config);
    var pool = new HikariDataSource(config);
    fill(pool, options.dbPool());
    return pool;
  }

  /**
   * Opens every connection now, by holding all of them at once, so none is opened under latency.
   */
  private static void fill(HikariDataSource pool, int size) {
    List<Connection> held = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        Connection connection = pool.getConnection();
        held.add(connection);
        connection.createStatement().execute("SELECT 1");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not open " + size + " database connections", e);
    } finally {
      for (Connection connection : held) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // returning a connection to the pool does not fail in practice; nothing to do if it does
        }
      }
    }
  }
}
