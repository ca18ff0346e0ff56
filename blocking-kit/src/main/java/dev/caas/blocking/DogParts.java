package dev.caas.blocking;

import com.zaxxer.hikari.HikariConfig;
import dev.caas.contract.Load;
import dev.caas.contract.VariantOptions;
import java.util.function.Consumer;

/**
 * The parts a blocking handler is built from: the upstream client, the two database steps, and the
 * compensation of failed requests, over one HikariCP pool (and one connection of its own for the
 * billing counts, see {@link BillingLedger}). Handlers use the first four; the server reads the
 * pool's metrics for {@code /health} and closes everything at the end.
 */
public final class DogParts implements AutoCloseable {
  private final FairPool pool;
  private final FairPool reportingPool;
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;

  private DogParts(VariantOptions options, FairPool pool, FairPool reportingPool) {
    this.pool = pool;
    this.reportingPool = reportingPool;
    this.upstream = new CanineUpstream(options.upstreamUrl(), options.deadline());
    this.ledger = new BillingLedger(pool, reportingPool);
    this.names = new DogNames(pool);
    this.compensations = new Compensations(ledger, options.deadline());
  }

  /** Opens the database pool (filled at once) with the project's settings. */
  public static DogParts open(VariantOptions options, String poolName) {
    return open(options, poolName, config -> {});
  }

  /**
   * Opens the database pool with the project's settings, then {@code poolTuning} on top (a workshop
   * exercise changes them to show what a hidden round trip costs).
   */
  public static DogParts open(
      VariantOptions options, String poolName, Consumer<HikariConfig> poolTuning) {
    return new DogParts(
        options,
        new FairPool(Database.pool(options, poolName, poolTuning)),
        new FairPool(Database.pool(options.withDbPool(1), poolName + "-billing", config -> {})));
  }

  public CanineUpstream upstream() {
    return upstream;
  }

  public BillingLedger ledger() {
    return ledger;
  }

  public DogNames names() {
    return names;
  }

  public Compensations compensations() {
    return compensations;
  }

  /** What the pool and the compensations are busy with, beside the server's requests in flight. */
  Load load(int inFlight) {
    var metrics = pool.hikari().getHikariPoolMXBean();
    return new Load(
        inFlight,
        metrics.getActiveConnections(),
        metrics.getIdleConnections(),
        pool.waiting(),
        compensations.pending());
  }

  @Override
  public void close() {
    compensations.close();
    pool.close();
    reportingPool.close();
  }
}
