package dev.caas.reactive;

import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * One R2DBC round trip on a pooled connection, its failures mapped onto the contract's errors: the
 * non-blocking twin of the blocking kit's {@code Jdbc.run}.
 */
final class R2dbc {
  private R2dbc() {}

  /**
   * Borrows a connection, runs {@code work} on it within the deadline and gives the connection back, also
   * when the caller cancels (a gathered sibling failed).
   */
  static <T> Mono<T> run(
      ConnectionFactory pool, Step step, Duration deadline, Function<Connection, Publisher<T>> work) {
    // A full pool is a 503 like a full queue, not a 504: the database was never asked.
    Mono<Connection> borrowed = Mono.<Connection>from(pool.create()).onErrorMap(R2dbcTimeoutException.class,
        e -> StepFailure.unavailable(step, "no database connection free in time", e));
    return Mono.usingWhen(borrowed, connection -> Mono.from(work.apply(connection)).timeout(deadline),
            Connection::close)
        .onErrorMap(e -> !(e instanceof StepFailure), e -> failure(step, e));
  }

  private static StepFailure failure(Step step, Throwable e) {
    if (e instanceof TimeoutException) {
      return StepFailure.timedOut(step, "database did not answer in time");
    }
    if (e instanceof R2dbcException sql && sql.getSqlState() != null) {
      return StepFailure.unavailable(step, "database unavailable (SQL state " + sql.getSqlState() + ")", e);
    }
    return StepFailure.unavailable(step, "database unavailable", e);
  }
}
