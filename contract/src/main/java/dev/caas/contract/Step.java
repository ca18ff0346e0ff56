package dev.caas.contract;

import java.util.Locale;

/** The three I/O steps of a request, named as they appear in Server-Timing and error bodies. */
public enum Step {
  UPSTREAM,
  BILLING,
  NAME;

  /** The lower-case name used on the wire: {@code upstream}, {@code billing}, {@code name}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
