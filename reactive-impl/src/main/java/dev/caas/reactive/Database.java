package dev.caas.reactive;

import dev.caas.contract.VariantOptions;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * An r2dbc-pool that costs exactly one round trip per statement, even at 15 s of injected latency.
 *
 * <p>What the pool must not do through the proxy, and the Spring Boot property that stops it:
 * <ul>
 *   <li>validate a connection with a query when it is lent (an extra round trip): {@code validation-depth}
 *       LOCAL and no {@code validation-query}, so the pool only asks the driver whether the socket is open;
 *   <li>close connections idle for 30 minutes (Boot's default) and open new ones under latency:
 *       {@code max-idle-time} negative, which also switches off the background eviction it would drive;
 *   <li>retire connections after a lifetime: {@code max-life-time} negative;
 *   <li>start small and grow under load: {@code initial-size} = {@code max-size}, and every connection is
 *       opened at start-up by {@link #fill}.
 * </ul>
 * A wait for a connection, or for a new one to open, never outlasts the deadline. A failed acquisition is
 * not retried: a retry would double the wait, and a broken connection fails its one request and is dropped.
 */
final class Database {
  private static final String NEVER = "-1ms";

  private Database() {}

  static Map<String, Object> springProperties(VariantOptions options) {
    String deadline = options.deadline().toMillis() + "ms";
    var properties = new LinkedHashMap<String, Object>();
    properties.put("spring.r2dbc.url", options.r2dbcUrl());
    properties.put("spring.r2dbc.username", options.dbUser());
    properties.put("spring.r2dbc.password", options.dbPassword());
    properties.put("spring.r2dbc.pool.initial-size", options.dbPool());
    properties.put("spring.r2dbc.pool.max-size", options.dbPool());
    properties.put("spring.r2dbc.pool.validation-depth", "LOCAL");
    properties.put("spring.r2dbc.pool.max-idle-time", NEVER);
    properties.put("spring.r2dbc.pool.max-life-time", NEVER);
    properties.put("spring.r2dbc.pool.max-acquire-time", deadline);
    properties.put("spring.r2dbc.pool.max-create-connection-time", deadline);
    properties.put("spring.r2dbc.pool.acquire-retry", 0);
    return properties;
  }

  /**
   * Opens every connection now: {@code warmup} opens the initial size one after another (each within the
   * deadline, but not all of them within one), then holding all of them at once proves that each is a
   * different, working connection before they go back. Runs on the main thread at start-up, where waiting
   * is allowed.
   */
  static void fill(ConnectionPool pool, int size, Duration deadline) {
    try {
      pool.warmup()
          .thenMany(Flux.range(0, size).flatMap(i -> pool.create(), size))
          .collectList()
          .flatMap(held -> Flux.fromIterable(held).flatMap(Connection::close).then())
          .block(deadline.multipliedBy(size + 1));
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not open " + size + " database connections", e);
    }
  }
}
