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
   * JSON object: billing events per filename, counted by the database; see {@link
   * Sql#BILLING_COUNTS}.
   */
  public static final String BILLING = "/billing";

  private DogPaths() {}
}
