package dev.caas.blocking;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.caas.contract.Deadline;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.PGConnection;

/**
 * One JDBC round trip on a pooled connection within a request's deadline, its failures mapped onto the
 * contract's errors.
 *
 * <p>Both waits are bounded by what is left of the deadline: the wait for a free connection (Hikari's
 * per-call timeout) and the statement itself (a {@link Watchdog}). At the deadline the watchdog asks
 * PostgreSQL to cancel the statement (a cancel request on a connection of its own, so the server stops working
 * for a request nobody waits for) and aborts the connection, which fails the blocked read at once. Hikari
 * then evicts the broken connection and opens a new one in the background.
 */
final class Jdbc {
  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  static <T> T run(HikariDataSource pool, Step step, Deadline deadline, Work<T> work) {
    if (deadline.passed()) {
      throw deadline.failure(step);
    }
    try (Connection connection = borrow(pool, step, deadline);
        var watchdog = Watchdog.guard(deadline, () -> cancelAndAbort(connection))) {
      try {
        return work.apply(connection);
      } catch (SQLException e) {
        if (watchdog.fired()) {
          throw deadline.failure(step);
        }
        throw StepFailure.unavailable(step, "database unavailable (SQL state " + e.getSQLState() + ")", e);
      }
    } catch (SQLException e) {
      // closing (returning) the connection failed: the statement's outcome stands
      throw StepFailure.unavailable(step, "database connection failed (SQL state " + e.getSQLState() + ")", e);
    }
  }

  /** A pooled connection, waiting at most until the deadline; a pool that has none by then is a 503. */
  private static Connection borrow(HikariDataSource pool, Step step, Deadline deadline) {
    try {
      return ((HikariPool) pool.getHikariPoolMXBean()).getConnection(deadline.remainingMillis());
    } catch (SQLTransientConnectionException e) {
      String why = e.getCause() != null ? "database unreachable, no connection could be opened" : "no database connection free in time";
      throw StepFailure.unavailable(step, why, e);
    } catch (SQLException e) {
      throw StepFailure.unavailable(step, "database unavailable (SQL state " + e.getSQLState() + ")", e);
    }
  }

  /** Cancels the running statement on the server (best effort), then closes the socket under the caller. */
  private static void cancelAndAbort(Connection connection) {
    try {
      connection.unwrap(PGConnection.class).cancelQuery();
    } catch (SQLException e) {
      // the server is unreachable or the statement already finished: aborting is all that is left
    }
    try {
      connection.abort(Runnable::run);
    } catch (SQLException e) {
      // already closed
    }
  }
}
