package dev.caas.harness.text;

import java.util.Locale;

/** How times read in reports: milliseconds, or seconds from 10 s up (the talk's runs take 45 s). */
public final class Millis {
  private Millis() {}

  /** {@code 4.2 ms}, {@code 302 ms}, {@code 45.11 s}; a dash for a missing value. */
  public static String format(double millis) {
    if (Double.isNaN(millis) || Double.isInfinite(millis)) {
      return "—";
    }
    if (millis >= 10_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }
}
