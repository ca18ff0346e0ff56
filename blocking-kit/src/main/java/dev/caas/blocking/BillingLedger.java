package dev.caas.blocking;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogRequest;
import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/** Step 2 over JDBC: the append-only billing ledger. Each call is one round trip (auto-commit). */
public final class BillingLedger {
  private static final String INSERT = Sql.jdbc(Sql.INSERT_BILLING);
  private static final String DELETE = Sql.jdbc(Sql.DELETE_BILLING);

  private final FairPool pool;
  private final FairPool reportingPool;

  /** One count at a time (see {@link StepFailure#countsBusy}). */
  private final Semaphore counting = new Semaphore(1);

  /**
   * @param pool the photo requests' pool, for the steps
   * @param reportingPool one connection of its own for {@link #counts}: however many clients ask
   *     for the counts, they wait for that one, never for a connection of the photo requests
   */
  BillingLedger(FairPool pool, FairPool reportingPool) {
    this.pool = pool;
    this.reportingPool = reportingPool;
  }

  /** Records one billing event for the request, keyed by its id. */
  public void bill(DogRequest request, String filename) {
    Jdbc.run(
        pool,
        Step.BILLING,
        request.deadline(),
        connection -> {
          try (var insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, request.id());
            insert.setString(2, filename);
            return insert.executeUpdate();
          }
        });
  }

  /** Compensation: removes the request's billing event, if it has one. */
  void unbill(UUID requestId, Deadline deadline) {
    Jdbc.run(
        pool,
        Step.BILLING,
        deadline,
        connection -> {
          try (var delete = connection.prepareStatement(DELETE)) {
            delete.setObject(1, requestId);
            return delete.executeUpdate();
          }
        });
  }

  /** Billing events per filename, counted by the database. */
  public Map<String, Long> counts(Deadline deadline) {
    if (!counting.tryAcquire()) {
      throw StepFailure.countsBusy();
    }
    try {
      return countNow(deadline);
    } finally {
      counting.release();
    }
  }

  private Map<String, Long> countNow(Deadline deadline) {
    return Jdbc.run(
        reportingPool,
        Step.BILLING,
        deadline,
        connection -> {
          try (var query = connection.prepareStatement(Sql.BILLING_TOTALS);
              var rows = query.executeQuery()) {
            var counts = new LinkedHashMap<String, Long>();
            while (rows.next()) {
              counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
          }
        });
  }
}
