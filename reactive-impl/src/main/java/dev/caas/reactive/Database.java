package dev.caas.reactive;

import dev.caas.contract.VariantOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An r2dbc-pool that costs exactly one round trip per statement, even at 15 s of injected latency.
 *
 * <p>What the pool must not do through the proxy, and the Spring Boot property that stops it:
 *
 * <ul>
 *   <li>validate a connection with a query when it is lent (an extra round trip): {@code
 *       validation-depth} LOCAL and no {@code validation-query}, so the pool only asks the driver
 *       whether the socket is open;
 *   <li>close connections idle for 30 minutes (Boot's default) and open new ones under latency:
 *       {@code max-idle-time} negative, which also switches off the background eviction it would
 *       drive;
 *   <li>retire connections after a lifetime: {@code max-life-time} negative;
 *   <li>start small and grow under load: {@code initial-size} = {@code max-size}, and every
 *       connection is opened at start-up by {@link #fill}.
 * </ul>
 *
 * <p>A request waits for a connection only as long as its deadline leaves it ({@link R2dbc}); the
 * pool's own limits on waiting for a connection and on opening one ({@link #openTimeout}: at least
 * the deadline) never end a wait first. They are there for the start-up, when no request is
 * waiting: opening a connection takes several round trips, slower on a busy machine. No acquisition
 * is retried by the pool ({@code acquire-retry} 0): {@link R2dbc} tries the next connection only
 * when the one lent turns out to be closed.
 *
 * <p>A connection that breaks (the database went away, or a statement that would not stop was cut
 * off) is dropped by the pool, which opens a replacement by itself only when a request finds no
 * idle connection left: a pool that lost a few and still has idle ones stays short. {@link
 * #keepFull} tops it up again.
 */
final class Database {
  private static final String NEVER = "-1ms";
  private static final Duration MIN_OPEN_TIMEOUT = Duration.ofSeconds(10);

  private Database() {}

  /** The deadline, but never less than 10 s. */
  static Duration openTimeout(VariantOptions options) {
    return options.deadline().compareTo(MIN_OPEN_TIMEOUT) > 0
        ? options.deadline()
        : MIN_OPEN_TIMEOUT;
  }

  static Map<String, Object> springProperties(VariantOptions options) {
    String openTimeout = openTimeout(options).toMillis() + "ms";
    var properties = new LinkedHashMap<String, Object>();
    properties.put("spring.r2dbc.url", options.r2dbcUrl());
    properties.put("spring.r2dbc.username", options.dbUser());
    properties.put("spring.r2dbc.password", options.dbPassword());
    properties.put("spring.r2dbc.pool.initial-size", options.dbPool());
    properties.put("spring.r2dbc.pool.max-size", options.dbPool());
    properties.put("spring.r2dbc.pool.validation-depth", "LOCAL");
    properties.put("spring.r2dbc.pool.max-idle-time", NEVER);
    properties.put("spring.r2dbc.pool.max-life-time", NEVER);
    properties.put("spring.r2dbc.pool.max-acquire-time", openTimeout);
    properties.put("spring.r2dbc.pool.max-create-connection-time", openTimeout);
    properties.put("spring.r2dbc.pool.acquire-retry", 0);
    return properties;
  }

  /**
   * A pool of one connection, opened now, for {@code GET /billing} ({@link BillingLedger}), built
   * beside the one Spring Boot builds for the steps and with the same settings.
   */
  static ConnectionPool reportingPool(VariantOptions options) {
    var database =
        ConnectionFactories.get(
            ConnectionFactoryOptions.parse(options.r2dbcUrl())
                .mutate()
                .option(ConnectionFactoryOptions.USER, options.dbUser())
                .option(ConnectionFactoryOptions.PASSWORD, options.dbPassword())
                .build());
    var pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(database)
                .name("billing")
                .initialSize(1)
                .maxSize(1)
                .validationDepth(ValidationDepth.LOCAL)
                .maxIdleTime(Duration.ofMillis(-1))
                .maxLifeTime(Duration.ofMillis(-1))
                .maxAcquireTime(openTimeout(options))
                .maxCreateConnectionTime(openTimeout(options))
                .build());
    fill(pool, 1, openTimeout(options));
    return pool;
  }

  /**
   * Checks every {@code period} whether the pool lost connections and, if so, opens new ones up to
   * its size. Opening happens beside the requests, never inside one, so no request pays its round
   * trips.
   *
   * <p>Only once the database has just accepted a connection: reactor-pool's {@code warmup()}
   * (1.2.6) takes the permits of every missing connection first, and when one opening fails it
   * drops the others unopened without giving their permits back, so the pool would stay short for
   * good. Opening a connection itself is bounded by the pool's {@code max-create-connection-time}.
   *
   * <p>Then one connection is borrowed and given back at once: {@code warmup()} puts the
   * connections it opened among the idle ones without serving anyone who asked for a connection
   * while it held the permits (1.2.6 offers them to the idle queue and does not drain the pending
   * one), and such a borrower would wait until its own deadline with twenty idle connections beside
   * it. A borrow drains the queue in order, the waiting first. (Seen in CI: a compensation that
   * asked during the refill after an outage waited out its ten-second attempt.) It costs no round
   * trip: the pool's check of a lent connection is local.
   */
  static Disposable keepFull(ConnectionPool pool, Duration period, Duration openTimeout) {
    var metrics = pool.getMetrics().orElseThrow();
    ConnectionFactory database = pool.unwrap();
    Mono<Void> databaseAccepts = takeAndClose(database, openTimeout);
    Mono<Void> serveTheWaiting = takeAndClose(pool, openTimeout);
    return Flux.interval(period)
        .onBackpressureDrop()
        .filter(tick -> metrics.allocatedSize() < metrics.getMaxAllocatedSize())
        .concatMap(
            tick ->
                databaseAccepts
                    .then(pool.warmup())
                    .then(serveTheWaiting)
                    .onErrorResume(e -> Mono.empty()),
            1)
        .subscribe();
  }

  /**
   * One connection from {@code connections}, closed as soon as it is there: opened and closed on
   * the database itself, borrowed and given back on the pool.
   */
  private static Mono<Void> takeAndClose(ConnectionFactory connections, Duration timeout) {
    return Mono.usingWhen(connections.create(), connection -> Mono.<Void>empty(), Connection::close)
        .timeout(timeout);
  }

  /**
   * Opens every connection now: {@code warmup} opens the initial size one after another (each
   * within {@code openTimeout}, but not all of them within one), then holding all of them at once
   * proves that each is a different, working connection before they go back. Runs on the main
   * thread at start-up, where waiting is allowed.
   */
  static void fill(ConnectionPool pool, int size, Duration openTimeout) {
    try {
      pool.warmup()
          .thenMany(Flux.range(0, size).flatMap(i -> pool.create(), size))
          .collectList()
          .flatMap(held -> Flux.fromIterable(held).flatMap(Connection::close).then())
          .block(openTimeout.multipliedBy(size + 1));
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not open " + size + " database connections", e);
    }
  }
}
