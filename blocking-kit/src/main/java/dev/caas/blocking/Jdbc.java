package dev.caas.blocking;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.caas.contract.Deadline;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * One JDBC round trip on a pooled connection within a request's deadline, its failures mapped onto
 * the contract's errors.
 *
 * <p>Every wait is bounded by what is left of the deadline: the turn at the pool ({@link FairPool},
 * in order of asking), the wait for a free connection (Hikari's per-call timeout) and the statement
 * itself (a {@link Watchdog}). At the deadline the watchdog aborts the connection, which fails the
 * blocked read at once, and the server cancels the statement of a connection that is gone. Hikari
 * evicts the broken connection and opens a new one in the background.
 */
final class Jdbc {
  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** SQL state class 08: connection exception. */
  private static final String CONNECTION_EXCEPTION = "08";

  private Jdbc() {}

  static <T> T run(FairPool pool, Step step, Deadline deadline, Work<T> work) {
    if (deadline.passed()) {
      throw deadline.failure(step);
    }
    awaitTurn(pool, step, deadline);
    try {
      return runInTurn(pool.hikari(), step, deadline, work);
    } finally {
      pool.endTurn();
    }
  }

  /** A turn at the pool, in order, within the deadline ({@link FairPool}). */
  private static void awaitTurn(FairPool pool, Step step, Deadline deadline) {
    try {
      if (!pool.awaitTurn(deadline.remainingMillis())) {
        throw deadline.failure(step);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepFailure.unavailable(step, "cancelled: the request failed elsewhere", e);
    }
  }

  private static <T> T runInTurn(
      HikariDataSource pool, Step step, Deadline deadline, Work<T> work) {
    try (Connection connection = borrow(pool, step, deadline);
        var watchdog = Watchdog.guard(deadline, () -> abort(connection))) {
      try {
        return work.apply(connection);
      } catch (SQLException e) {
        if (watchdog.fired()) {
          throw deadline.failure(step);
        }
        if (Thread.currentThread().isInterrupted()) {
          // Cancelled by a sibling that failed first (a virtual thread's socket is closed on
          // interrupt): the
          // connection broke because we broke it, which says nothing about the others.
          throw StepFailure.unavailable(step, "cancelled: the request failed elsewhere", e);
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
          // The connection broke under us: the database went away or the network between us failed.
          // The
          // other idle connections are most likely broken too, and nothing would notice (validation
          // on
          // borrow would cost a round trip per statement): have them all replaced in the
          // background.
          pool.getHikariPoolMXBean().softEvictConnections();
        }
        throw StepFailure.unavailable(
            step, "database unavailable (SQL state " + e.getSQLState() + ")", e);
      }
    } catch (SQLException e) {
      // closing (returning) the connection failed: the statement's outcome stands
      throw StepFailure.unavailable(
          step, "database connection failed (SQL state " + e.getSQLState() + ")", e);
    }
  }

  /**
   * A pooled connection, waiting at most until the deadline. A pool that cannot open connections
   * (the database is unreachable) is a 503; a pool whose connections stayed busy until the deadline
   * is the deadline's 504, as in the reactive variants, whose pool waits end with the request's
   * deadline too.
   */
  private static Connection borrow(HikariDataSource pool, Step step, Deadline deadline) {
    try {
      return ((HikariPool) pool.getHikariPoolMXBean()).getConnection(deadline.remainingMillis());
    } catch (SQLTransientConnectionException e) {
      if (e.getCause() != null) {
        throw StepFailure.unavailable(
            step, "database unreachable, no connection could be opened", e);
      }
      throw deadline.failure(step);
    } catch (SQLException e) {
      throw StepFailure.unavailable(
          step, "database unavailable (SQL state " + e.getSQLState() + ")", e);
    }
  }

  /**
   * Closes the socket under the caller, whose blocked read then fails at once. PostgreSQL notices
   * the closed connection within {@link Database}'s client-connection check and cancels the
   * statement (a lock wait included). The driver's own cancel request would be the other way, but
   * it waits for the server's acknowledgement, tens of milliseconds that the error answer must not
   * wait for.
   */
  private static void abort(Connection connection) {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException e) {
      // already closed
    }
  }
}
