package dev.caas.harness.load;

/**
 * What {@link RequestClient} saw of one request, with {@link System#nanoTime()} stamps: when it was
 * issued, when it went out on a connection (later, if it had to wait for one or to connect), when
 * the body's last byte arrived; and the parts of the response the report needs. A photo's body is
 * counted, not kept; an error's JSON body is read for the one field the reports need, the step it
 * blames.
 */
public record Exchange(
    long issuedNanos,
    long sentNanos,
    long endNanos,
    int status,
    long bytes,
    String filename,
    String serverTiming,
    String error,
    String step) {

  static Exchange failed(long issuedNanos, long sentNanos, Throwable cause) {
    return new Exchange(
        issuedNanos, sentNanos, System.nanoTime(), 0, 0, null, null, describe(cause), null);
  }

  /** Turns the exchange into a sample, with times relative to the run's start. */
  public Sample toSample(int index, long runStartNanos, long intendedStartNanos) {
    return new Sample(
        index,
        intendedStartNanos - runStartNanos,
        sentNanos - runStartNanos,
        endNanos - runStartNanos,
        status,
        bytes,
        filename,
        serverTiming,
        error,
        step);
  }

  private static String describe(Throwable cause) {
    String simpleName = cause.getClass().getSimpleName();
    if (simpleName.contains("Timeout")) {
      return "timeout";
    }
    return simpleName.isEmpty() ? "error" : simpleName;
  }
}
