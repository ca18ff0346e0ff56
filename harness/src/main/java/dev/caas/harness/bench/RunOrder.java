package dev.caas.harness.bench;

import dev.caas.contract.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a bench's runs with {@code --repeat N}: every variant once, then every variant
 * again, N times (v1 v2 v3 v1 v2 v3 …). Interleaving spreads slow drifts of a shared machine
 * (another job starting, the CPU warming up) over all variants instead of charging them to
 * whichever ran last.
 */
public final class RunOrder {
  private RunOrder() {}

  /** One variant process to start: which variant, and which of its repetitions (from 1). */
  public record Slot(Variant variant, int repetition) {}

  public static List<Slot> interleaved(List<Variant> variants, int repeat) {
    var slots = new ArrayList<Slot>();
    for (int repetition = 1; repetition <= repeat; repetition++) {
      for (Variant variant : variants) {
        slots.add(new Slot(variant, repetition));
      }
    }
    return slots;
  }
}
