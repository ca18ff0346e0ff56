package dev.caas.contract;

/**
 * Every SQL statement of the service, written once. Placeholders are PostgreSQL's own {@code $1,
 * $2}, which R2DBC takes as they are; JDBC wants {@code ?}, so {@link #jdbc(String)} rewrites them.
 * All of it is parameterised: no value is ever spliced into SQL text.
 */
public final class Sql {
  /** Step 2: record the request for billing. One row per request, keyed by its id. */
  public static final String INSERT_BILLING =
      "INSERT INTO billing_event(request_id, filename) VALUES ($1, $2)";

  /** Step 3: the dog's name for the upstream's filename. */
  public static final String SELECT_NAME = "SELECT name FROM dog WHERE filename = $1";

  /**
   * Compensation: a request that failed after its billing insert committed is not billed after all.
   */
  public static final String DELETE_BILLING = "DELETE FROM billing_event WHERE request_id = $1";

  /**
   * Billing events per filename, counted over the whole ledger: the reconciliation's truth (the
   * testbed and the harness read it directly from PostgreSQL). Its cost grows with the ledger, so
   * no endpoint runs it.
   */
  public static final String BILLING_COUNTS =
      "SELECT filename, count(*) AS events FROM billing_event GROUP BY filename ORDER BY filename";

  /**
   * {@code GET /billing}: the same counts, read from {@code billing_count}, which a trigger keeps
   * up to date in the transaction of each insert and compensating delete (see {@code schema.sql}).
   * One row per photo, whatever the ledger's length: a constant-cost answer.
   */
  public static final String BILLING_TOTALS =
      "SELECT filename, events FROM billing_count WHERE events > 0 ORDER BY filename";

  /** Seeding: one dog of {@link SeedDogs}. */
  public static final String INSERT_DOG =
      "INSERT INTO dog(filename, name) VALUES ($1, $2) ON CONFLICT (filename) DO UPDATE SET name = EXCLUDED.name";

  private Sql() {}

  /** The same statement with JDBC's {@code ?} placeholders. */
  public static String jdbc(String sql) {
    return sql.replaceAll("\\$\\d+", "?");
  }
}
