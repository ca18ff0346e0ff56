package dev.caas.reactive;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogRequest;
import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Step 2 over R2DBC: the append-only billing ledger. Each call is one round trip (auto-commit). */
public final class BillingLedger implements AutoCloseable {
  private final ConnectionFactory pool;
  private final ConnectionPool reportingPool;

  /**
   * The billing INSERTs that may still commit, by request id. A request that gives up stops waiting
   * for its INSERT at once, but PostgreSQL may commit it before the cancel arrives: its
   * compensation must not DELETE before then, or it would delete nothing and the late row would
   * stay billed.
   */
  private final Map<UUID, Sinks.Empty<Void>> inserting = new ConcurrentHashMap<>();

  /** One count at a time (see {@link StepFailure#countsBusy}). */
  private final AtomicBoolean counting = new AtomicBoolean();

  /**
   * @param pool the photo requests' pool, for the steps
   * @param reportingPool one connection of its own for {@link #counts}: however many clients ask
   *     for the counts, they wait for that one, never for a connection of the photo requests
   */
  BillingLedger(ConnectionFactory pool, ConnectionPool reportingPool) {
    this.pool = pool;
    this.reportingPool = reportingPool;
  }

  /** Records one billing event for the request; emits the rows inserted (1). */
  public Mono<Long> bill(DogRequest request, String filename) {
    UUID id = request.id();
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> over = Sinks.empty();
          inserting.put(id, over);
          Runnable whenOver =
              () -> {
                inserting.remove(id, over);
                over.tryEmitEmpty();
              };
          return update(request.deadline(), whenOver, Sql.INSERT_BILLING, id, filename);
        });
  }

  /**
   * Completes once the request's billing INSERT can no longer commit (at once if it has none
   * running): only then can a DELETE undo it for sure.
   */
  Mono<Void> settled(UUID requestId) {
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> over = inserting.get(requestId);
          return over == null ? Mono.empty() : over.asMono();
        });
  }

  /**
   * Removes the request's billing event, if it has one; emits the rows deleted. Handlers do not
   * call it directly but through {@link Compensations#undo}, which retries it until the database
   * takes it.
   */
  public Mono<Long> unbill(UUID requestId, Deadline deadline) {
    return update(deadline, () -> {}, Sql.DELETE_BILLING, requestId);
  }

  /** Billing events per filename, counted by the database. */
  Mono<Map<String, Long>> counts(Deadline deadline) {
    return Mono.defer(
        () ->
            counting.compareAndSet(false, true)
                ? countNow(deadline).doFinally(signal -> counting.set(false))
                : Mono.error(StepFailure.countsBusy()));
  }

  private Mono<Map<String, Long>> countNow(Deadline deadline) {
    return R2dbc.run(
        reportingPool,
        Step.BILLING,
        deadline,
        connection ->
            Flux.from(connection.createStatement(Sql.BILLING_TOTALS).execute())
                .flatMap(
                    result ->
                        result.map(
                            row -> Map.entry(row.get(0, String.class), row.get(1, Long.class))))
                .collect(
                    LinkedHashMap<String, Long>::new,
                    (counts, row) -> counts.put(row.getKey(), row.getValue())));
  }

  /** Closes the counts' connection; the steps' pool is Spring's to close. */
  @Override
  public void close() {
    reportingPool.dispose();
  }

  private Mono<Long> update(Deadline deadline, Runnable whenOver, String sql, Object... values) {
    return R2dbc.run(
        pool,
        Step.BILLING,
        deadline,
        connection -> {
          var statement = connection.createStatement(sql);
          for (int i = 0; i < values.length; i++) {
            statement.bind(i, values[i]);
          }
          return Flux.from(statement.execute())
              .flatMap(Result::getRowsUpdated)
              .reduce(0L, Long::sum);
        },
        whenOver);
  }
}
