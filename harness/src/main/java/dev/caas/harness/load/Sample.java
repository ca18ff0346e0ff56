package dev.caas.harness.load;

/**
 * One measured request, kept whole so later work can bootstrap, compare or draw it as a waterfall.
 *
 * <p>Millis are nanoseconds from the start of the run. {@code intendedStartNanos} is when the
 * workload meant to send the request: for a closed loop, when the client issued it; for an open
 * loop, its slot in the schedule. {@code startNanos} is when it went out on a connection. The gap
 * is time spent in the generator (connecting, waiting for a free connection, an open loop running
 * late); it counts as latency, because a user would have waited it too (see {@link OpenLoop}).
 *
 * @param index the request's number in the run, from 0
 * @param status the HTTP status, or 0 when no response arrived (see {@code error})
 * @param bytes length of the body received
 * @param filename the {@code X-Filename} header, or {@code null}
 * @param serverTiming the {@code Server-Timing} header, or {@code null}
 * @param error why no response arrived (connection refused, timeout), or {@code null}
 * @param step the {@code "step"} of an error answer's JSON body ({@code upstream}, {@code billing},
 *     {@code name}), or {@code null}: a 200, an error body that names no step, or no answer at all
 */
public record Sample(
    int index,
    long intendedStartNanos,
    long startNanos,
    long endNanos,
    int status,
    long bytes,
    String filename,
    String serverTiming,
    String error,
    String step) {

  /** A sample without an error step: a 200, or a run recorded before error steps were kept. */
  public Sample(
      int index,
      long intendedStartNanos,
      long startNanos,
      long endNanos,
      int status,
      long bytes,
      String filename,
      String serverTiming,
      String error) {
    this(
        index,
        intendedStartNanos,
        startNanos,
        endNanos,
        status,
        bytes,
        filename,
        serverTiming,
        error,
        null);
  }

  /** The latency that counts: from the intended start to the last byte of the body. */
  public long latencyNanos() {
    return endNanos - intendedStartNanos;
  }

  /**
   * From the moment the request went out: what a generator that ignores its own queue would report.
   */
  public long serviceNanos() {
    return endNanos - startNanos;
  }

  /**
   * A photo delivered: a 200 whose whole body arrived. {@link RequestClient} makes a sample with a
   * status only once the body's last byte is in (a body cut short is a transport error, status 0),
   * so every 200 here is a photo the generator received whole.
   */
  public boolean ok() {
    return status == 200;
  }

  /** A request whose client left before the answer ({@link LeavingClient}): no answer to judge. */
  public boolean left() {
    return status == 0 && error != null && error.startsWith(LeavingClient.LEFT);
  }

  /** A short name for what went wrong: the status code, or the kind of transport error. */
  public String errorKind() {
    if (status != 0) {
      return Integer.toString(status);
    }
    return error == null ? "no response" : error;
  }

  /**
   * The kind with the step the error body blames, as the fault matrix counts them: {@code 504
   * upstream}.
   */
  public String errorKindWithStep() {
    return step == null ? errorKind() : errorKind() + " " + step;
  }
}
