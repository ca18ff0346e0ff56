package dev.caas.harness.cost;

import java.time.Duration;

/** The two divisions every cost figure goes through: per request, and per unit of window time. */
final class Ratios {

  private Ratios() {}

  /** An amount per request; a window that served no request has no per-request figure. */
  static double perRequest(long amount, long requests) {
    if (requests <= 0) {
      throw new IllegalArgumentException("requests must be positive: " + requests);
    }
    return (double) amount / requests;
  }

  /** Milliseconds of something per millisecond of the window: 1.0 is all of the window. */
  static double shareOf(long millis, Duration window) {
    long windowMillis = window.toMillis();
    return windowMillis == 0 ? 0 : (double) millis / windowMillis;
  }
}
