package dev.caas.reactive;

import dev.caas.contract.Deadline;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.retry.Retry;

/**
 * One R2DBC round trip on a pooled connection, bounded by the request's deadline, its failures
 * mapped onto the contract's errors: the non-blocking twin of the blocking kit's {@code Jdbc.run}.
 *
 * <p>When the deadline passes (or a gathered sibling fails), the request stops waiting at once, and
 * what it started is stopped too, without holding the answer back:
 *
 * <ul>
 *   <li>still waiting for a connection: the wait is given up;
 *   <li>statement running: PostgreSQL is sent a cancel request (on a connection of its own, as the
 *       protocol wants), and the connection goes back to the pool only once the statement is over,
 *       so it never carries a running query to its next borrower. If the cancel cannot be sent, or
 *       the statement still runs a whole deadline's budget later, the connection is closed instead
 *       and the pool drops it.
 * </ul>
 *
 * The connection is not handed along a pipeline of operators: r2dbc-pool gives a connection back to
 * the pool when its acquisition is cancelled even after it was delivered, and an operator
 * downstream that is cancelled cancels it. So one {@link Statement} holds the connection from its
 * acquisition to its release.
 */
final class R2dbc {
  private static final Logger log = LoggerFactory.getLogger(R2dbc.class);

  private R2dbc() {}

  static <T> Mono<T> run(
      ConnectionFactory pool,
      Step step,
      Deadline deadline,
      Function<Connection, Publisher<T>> work) {
    return run(pool, step, deadline, work, () -> {});
  }

  /**
   * As {@link #run(ConnectionFactory, Step, Deadline, Function)}, and tells {@code whenOver} once
   * the statement can no longer change the database: it ended, or never began, or its connection is
   * closed. That is later than the answer when the request gave up: a cancelled statement may still
   * commit until PostgreSQL has taken the cancel.
   */
  static <T> Mono<T> run(
      ConnectionFactory pool,
      Step step,
      Deadline deadline,
      Function<Connection, Publisher<T>> work,
      Runnable whenOver) {
    return Mono.defer(
            () ->
                Mono.<T>create(
                        answer ->
                            new Statement<>(pool, work, deadline.budget(), answer, whenOver)
                                .start())
                    .timeout(deadline.remaining(), Mono.error(() -> deadline.failure(step))))
        .onErrorMap(e -> !(e instanceof StepFailure), e -> failure(step, e));
  }

  /**
   * One statement, from borrowing its connection to giving it back; {@code answer} is the request
   * waiting.
   */
  private static final class Statement<T> {
    /** In {@link #lent} once the request gave up waiting for a connection. */
    private static final Object GAVE_UP = new Object();

    private final ConnectionFactory pool;
    private final Function<Connection, Publisher<T>> work;
    private final Duration budget;
    private final MonoSink<T> answer;
    private final Runnable whenOver;
    private final AtomicBoolean over = new AtomicBoolean();

    /** The borrowed connection; null while waiting for one; or GAVE_UP. */
    private final AtomicReference<Object> lent = new AtomicReference<>();

    /** Who still needs the connection: the statement, and a cancel request on its way. */
    private final AtomicInteger holders = new AtomicInteger(1);

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Disposable borrowing;
    private volatile Mono<Void> closing = Mono.empty();
    private volatile boolean cancelled;

    Statement(
        ConnectionFactory pool,
        Function<Connection, Publisher<T>> work,
        Duration budget,
        MonoSink<T> answer,
        Runnable whenOver) {
      this.pool = pool;
      this.work = work;
      this.budget = budget;
      this.answer = answer;
      this.whenOver = whenOver;
    }

    void start() {
      answer.onCancel(this::cancel);
      borrowing =
          Mono.<Connection>from(pool.create())
              // A connection broken while it sat in the pool (the database went away) fails its
              // check when
              // lent: the pool drops it and the next one is tried. The check is local, no round
              // trip.
              .retryWhen(Retry.indefinitely().filter(Statement::brokenWhenLent))
              .subscribe(this::run, this::failToBorrow);
      if (lent.get() == GAVE_UP) {
        borrowing.dispose(); // cancelled while subscribing
      }
    }

    private void run(Connection connection) {
      if (!lent.compareAndSet(null, connection)) {
        // the request gave up while the pool was handing this one over
        release(connection);
        over();
        return;
      }
      Mono.defer(() -> Mono.from(work.apply(connection)))
          .doFinally(signal -> letGo())
          .subscribe(answer::success, this::fail, answer::success);
    }

    private void failToBorrow(Throwable e) {
      over(); // nothing ran
      fail(e);
    }

    private void fail(Throwable e) {
      // the error of a statement cancelled on purpose (SQL state 57014) has no one left to tell
      if (!cancelled) {
        answer.error(e);
      }
    }

    /** Nobody waits for the answer any more: stop what runs on its behalf. */
    private void cancel() {
      cancelled = true;
      Object connection = lent.compareAndExchange(null, GAVE_UP);
      if (connection == null) {
        // Still waiting for a connection: stop waiting. (Never once one was lent: r2dbc-pool would
        // take it
        // back from under the statement.)
        Disposable waiting = borrowing;
        if (waiting != null) {
          waiting.dispose();
        }
        over(); // nothing ran, and nothing will
        return;
      }
      if (holders.getAndUpdate(n -> n == 0 ? 0 : n + 1) == 0) {
        return; // the statement is over
      }
      Connection physical = unwrap((Connection) connection);
      Mono<Void> cancelRequest =
          physical instanceof PostgresqlConnection postgres
              ? postgres.cancelRequest()
              : Mono.error(new IllegalStateException("cannot cancel a statement on " + physical));
      cancelRequest
          .timeout(budget)
          .doOnError(
              e -> {
                // the statement may still run, so the connection must not be lent again: closed,
                // the pool drops it
                log.debug("could not cancel a statement, closing its connection", e);
                close(physical);
              })
          .doFinally(signal -> letGo())
          .subscribe(null, e -> {});
      // a database that never answers, not even to say that the statement was cancelled
      Mono.delay(budget)
          .subscribe(
              tick -> {
                if (holders.get() > 0) {
                  close(physical);
                }
              });
    }

    /**
     * PostgreSQL cancels whatever runs when the cancel arrives: so the connection goes back only
     * when both the statement and a cancel request sent for it are done.
     */
    private void letGo() {
      if (holders.decrementAndGet() == 0) {
        // Released only once a close we began has ended: half-closed, it would pass the pool's
        // check.
        closing
            .onErrorResume(e -> Mono.empty())
            .then(Mono.fromRunnable(() -> release((Connection) lent.get())))
            .subscribe(null, e -> over(), this::over);
      }
    }

    /** The statement can no longer change the database: said once. */
    private void over() {
      if (over.compareAndSet(false, true)) {
        whenOver.run();
      }
    }

    private void close(Connection physical) {
      if (closed.compareAndSet(false, true)) {
        closing = Mono.from(physical.close()).cache();
        closing.subscribe(null, e -> log.debug("could not close a connection", e));
      }
    }

    private static void release(Connection connection) {
      Mono.from(connection.close())
          .subscribe(null, e -> log.debug("could not release a connection", e));
    }

    /** r2dbc-pool's {@code Validation}: the pooled connection was closed. */
    private static boolean brokenWhenLent(Throwable e) {
      return e instanceof R2dbcNonTransientResourceException
          && "Connection validation failed".equals(e.getMessage());
    }
  }

  /** The driver's connection inside r2dbc-pool's, which implements {@link Wrapped}. */
  private static Connection unwrap(Connection connection) {
    Connection inner = connection;
    while (inner instanceof Wrapped<?> wrapped
        && wrapped.unwrap() instanceof Connection next
        && next != inner) {
      inner = next;
    }
    return inner;
  }

  private static StepFailure failure(Step step, Throwable e) {
    if (e instanceof R2dbcTimeoutException) {
      // A full pool is a 503 like a full queue, not a 504: the database was never asked.
      return StepFailure.unavailable(step, "no database connection free in time", e);
    }
    if (e instanceof R2dbcException sql && sql.getSqlState() != null) {
      return StepFailure.unavailable(
          step, "database unavailable (SQL state " + sql.getSqlState() + ")", e);
    }
    return StepFailure.unavailable(step, "database unavailable", e);
  }
}
