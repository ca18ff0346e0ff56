package dev.caas.contract;

/** The URL paths every variant and the upstream answer. */
public final class DogPaths {
  /** The photo: the talk's only endpoint. */
  public static final String ROOT = "/";

  /** The same photo under a name that says what it is. */
  public static final String DOG = "/dog";

  /** JSON {@code {"variant": …, "ready": true, "limits": {…}}}; see {@link Health}. */
  public static final String HEALTH = "/health";

  /**
   * JSON object: billing events per filename, as the database counts them ({@link
   * Sql#BILLING_TOTALS}). Meant for the operator and the harness, who check the billing against the
   * photos delivered; it reveals nothing but counts per photo. One count runs at a time, on a
   * database connection of its own, and reads a row per photo whatever the ledger's length; a
   * request that arrives during a count is answered 503 at once ({@link StepFailure#countsBusy}).
   * So it is no load amplifier for whoever else reaches it; a deployment that serves the public
   * still keeps it behind its own gate.
   */
  public static final String BILLING = "/billing";

  private DogPaths() {}
}
