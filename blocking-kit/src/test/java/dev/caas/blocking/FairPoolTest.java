package dev.caas.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.caas.contract.Deadline;
import dev.caas.contract.Step;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Borrowers of the database pool are served in the order they asked, against a real PostgreSQL: the
 * case HikariCP alone gets wrong is a thread that gives its connection back and borrows again at
 * once (Loom's sequential handler), which takes it back before the thread that was waiting.
 */
class FairPoolTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final int ROUNDS = 10;

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  /**
   * Hikari alone gets this order wrong about every other time (the returning thread wins the race
   * for its own connection); ten rounds make that near certain to show.
   */
  @Test
  void a_waiting_borrower_is_served_before_the_one_who_gives_back_and_asks_again()
      throws Exception {
    try (var pool = new FairPool(onePooledConnection())) {
      for (int round = 1; round <= ROUNDS; round++) {
        assertEquals(
            List.of("first step", "waiter", "second step"), oneRound(pool), "round " + round);
      }
    }
  }

  /**
   * A sequential handler holds the only connection for its first step while another borrower
   * queues; then gives it back and asks again at once. Returns the order they were served in.
   */
  private static List<String> oneRound(FairPool pool) throws InterruptedException {
    List<String> served = new CopyOnWriteArrayList<>();
    var holding = new CountDownLatch(1);
    var giveBack = new CountDownLatch(1);
    Thread sequential =
        Thread.ofVirtual()
            .start(
                () -> {
                  query(
                      pool,
                      () -> {
                        holding.countDown();
                        await(giveBack);
                        served.add("first step");
                      });
                  query(pool, () -> served.add("second step"));
                });
    await(holding);
    Thread waiter = Thread.ofVirtual().start(() -> query(pool, () -> served.add("waiter")));
    while (pool.waiting() == 0) {
      Thread.sleep(1);
    }
    giveBack.countDown();
    sequential.join(PATIENCE);
    waiter.join(PATIENCE);
    return served;
  }

  private static HikariDataSource onePooledConnection() {
    var config = new HikariConfig();
    config.setDataSource(postgres.getPostgresDatabase());
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  /** One statement on a pooled connection, {@code whileHolding} run before it returns. */
  private static void query(FairPool pool, Runnable whileHolding) {
    Jdbc.run(
        pool,
        Step.NAME,
        Deadline.after(PATIENCE),
        connection -> {
          try (var statement = connection.createStatement()) {
            statement.execute("SELECT 1");
          }
          whileHolding.run();
          return null;
        });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
