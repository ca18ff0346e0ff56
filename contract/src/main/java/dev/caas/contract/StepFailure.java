package dev.caas.contract;

/**
 * A step of the request failed in a way the contract names: the HTTP status to answer and the step
 * to blame. Every variant maps its own exceptions onto this one type, so the error answers are the
 * same everywhere.
 */
public final class StepFailure extends RuntimeException {
  /**
   * A bad upstream answer: missing or invalid {@code X-Filename}, not a JPEG, a body over the size
   * cap.
   */
  public static final int BAD_GATEWAY = 502;

  /** A dependency is unavailable, or a pool or queue is full. */
  public static final int UNAVAILABLE = 503;

  /** The request's deadline passed. */
  public static final int GATEWAY_TIMEOUT = 504;

  private final int status;
  private final Step step;

  public StepFailure(int status, Step step, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.step = step;
  }

  public StepFailure(int status, Step step, String message) {
    this(status, step, message, null);
  }

  public static StepFailure badGateway(Step step, String message) {
    return new StepFailure(BAD_GATEWAY, step, message);
  }

  public static StepFailure unavailable(Step step, String message, Throwable cause) {
    return new StepFailure(UNAVAILABLE, step, message, cause);
  }

  /**
   * A {@code GET /billing} that arrives while another one counts: refused at once (503), so however
   * many clients poll the counts, at most one connection and one thread are ever busy with them.
   */
  public static StepFailure countsBusy() {
    return unavailable(Step.BILLING, "billing counts busy: one count at a time, try again", null);
  }

  public static StepFailure timedOut(Step step, String message) {
    return new StepFailure(GATEWAY_TIMEOUT, step, message);
  }

  public int status() {
    return status;
  }

  public Step step() {
    return step;
  }
}
