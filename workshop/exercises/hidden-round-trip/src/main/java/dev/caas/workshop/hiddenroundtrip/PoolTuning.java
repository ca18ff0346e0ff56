package dev.caas.workshop.hiddenroundtrip;

import com.zaxxer.hikari.HikariConfig;
import java.util.function.Consumer;

/**
 * Exercise hidden-round-trip: HikariCP settings applied on top of the project's, "to be safe". The
 * variant stays correct, but each database step now costs more than its one statement. Check it
 * with {@code ./caas check hidden-round-trip}.
 */
final class PoolTuning implements Consumer<HikariConfig> {

  @Override
  public void accept(HikariConfig config) {
    // EXERCISE: the waterfall says billing takes two round trips where its one statement needs one,
    // and the name lookup only one. Which of these settings talks to the database, when, and
    // through which proxy, and why does only billing pay for it? Make each step cost one L.
    // Never hand out a connection without checking that the database still answers on it...
    config.setConnectionTestQuery("SELECT 1");
    // ...however recently it was last used (HikariCP skips the check for 500 ms after a
    // connection's last use).
    System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
  }
}
