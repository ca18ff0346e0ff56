package dev.caas.blocking;

/**
 * A value handed over once and then forgotten: whoever still refers to the handoff afterwards — a
 * completed future inside a library that outlives the exchange — holds nothing.
 *
 * @param <T> what is handed over
 */
final class Handoff<T> {
  private T value;

  Handoff(T value) {
    this.value = value;
  }

  /** The value, once; from then on this handoff refers to nothing. */
  synchronized T take() {
    T taken = value;
    if (taken == null) {
      throw new IllegalStateException("handed over already");
    }
    value = null;
    return taken;
  }
}
