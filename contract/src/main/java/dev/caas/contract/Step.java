package dev.caas.contract;

import java.util.Locale;

/** The three I/O steps of a request, named as they appear in Server-Timing and error bodies. */
public enum Step {
  UPSTREAM,
  BILLING,
  NAME;

  // Computed once: every step of every request asks for it (JMH showed the per-call lower-casing).
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used on the wire: {@code upstream}, {@code billing}, {@code name}. */
  public String wireName() {
    return wireName;
  }
}
