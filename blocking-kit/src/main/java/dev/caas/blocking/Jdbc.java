package dev.caas.blocking;

import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/** One JDBC round trip on a pooled connection, its failures mapped onto the contract's errors. */
final class Jdbc {
  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  static <T> T run(DataSource pool, Step step, Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.apply(connection);
    } catch (SQLTransientConnectionException e) {
      throw StepFailure.unavailable(step, "no database connection free in time", e);
    } catch (SQLTimeoutException e) {
      throw StepFailure.timedOut(step, "database did not answer in time");
    } catch (SQLException e) {
      throw StepFailure.unavailable(step, "database unavailable (SQL state " + e.getSQLState() + ")", e);
    }
  }
}
