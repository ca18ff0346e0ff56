package dev.caas.harness.cost;

/** The three ways the variants wait, as far as what a waiting request costs is concerned. */
public enum ConcurrencyModel {
  /** A platform thread per request, blocked in the call it waits on (sync-impl). */
  SYNC,
  /** A virtual thread per request, parked; its stack is copied to the heap (loom-impl). */
  LOOM,
  /** No thread per request: a chain of operators waits for a callback (reactive-impl). */
  REACTIVE;

  /** The model of a variant named like {@code loom-gathered}. */
  public static ConcurrencyModel ofVariant(String variant) {
    return valueOf(variant.substring(0, variant.indexOf('-')).toUpperCase(java.util.Locale.ROOT));
  }
}
