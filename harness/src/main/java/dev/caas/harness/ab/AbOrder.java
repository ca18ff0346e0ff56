package dev.caas.harness.ab;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of an A/B run's JVMs: base, head, then head, base, and so on ({@code A B B A A B …}).
 *
 * <p>In turns, so that what the machine does over the minutes of a run (a neighbour's build, a
 * warming room, a throttled processor) falls on both builds alike. Mirrored every other pair, so
 * that neither build always goes first: the first JVM of a run often meets a colder machine (page
 * cache, the testbed's own JIT), and a build that always came first would always pay for it.
 */
public final class AbOrder {
  private AbOrder() {}

  /**
   * One JVM of one build.
   *
   * @param build {@code base} or {@code head}
   * @param repetition the build's 1st, 2nd, … JVM
   * @param position the place in the whole run, from 1
   */
  public record Slot(String build, int repetition, int position) {}

  /**
   * {@code repeat} JVMs of each build, in turns.
   *
   * @throws IllegalArgumentException when {@code repeat} is below 1
   */
  public static List<Slot> interleaved(String base, String head, int repeat) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
    }
    var slots = new ArrayList<Slot>();
    for (int repetition = 1; repetition <= repeat; repetition++) {
      boolean baseFirst = repetition % 2 == 1;
      String first = baseFirst ? base : head;
      String second = baseFirst ? head : base;
      slots.add(new Slot(first, repetition, slots.size() + 1));
      slots.add(new Slot(second, repetition, slots.size() + 1));
    }
    return slots;
  }
}
