package dev.caas.reactive;

import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Step 2 over R2DBC: the append-only billing ledger. Each call is one round trip (auto-commit). */
final class BillingLedger {
  private final ConnectionFactory pool;
  private final Duration deadline;

  BillingLedger(ConnectionFactory pool, Duration deadline) {
    this.pool = pool;
    this.deadline = deadline;
  }

  /** Records one billing event for the request; emits the rows inserted (1). */
  Mono<Long> bill(UUID requestId, String filename) {
    return update(Sql.INSERT_BILLING, requestId, filename);
  }

  /** Compensation: removes the request's billing event, if it has one; emits the rows deleted. */
  Mono<Long> unbill(UUID requestId) {
    return update(Sql.DELETE_BILLING, requestId);
  }

  /** Billing events per filename, counted by the database. */
  Mono<Map<String, Long>> counts() {
    return R2dbc.run(pool, Step.BILLING, deadline, connection ->
        Flux.from(connection.createStatement(Sql.BILLING_COUNTS).execute())
            .flatMap(result -> result.map(row -> Map.entry(row.get(0, String.class), row.get(1, Long.class))))
            .collect(LinkedHashMap<String, Long>::new, (counts, row) -> counts.put(row.getKey(), row.getValue())));
  }

  private Mono<Long> update(String sql, Object... values) {
    return R2dbc.run(pool, Step.BILLING, deadline, connection -> {
      var statement = connection.createStatement(sql);
      for (int i = 0; i < values.length; i++) {
        statement.bind(i, values[i]);
      }
      return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
    });
  }
}
