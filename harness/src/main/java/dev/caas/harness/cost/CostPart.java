package dev.caas.harness.cost;

/**
 * One thing a waiting request holds, with its predicted size and where that size comes from.
 *
 * @param what what is held, in words a reader of the report understands
 * @param bytes the predicted size
 * @param memory where it lives: the heap (seen in heap after GC) or native memory (seen in RSS)
 * @param basis the documented size, the JDK flag or the stated assumption the figure comes from
 */
public record CostPart(String what, long bytes, Memory memory, String basis) {

  /** Where a part lives, and so which measurement can see it. */
  public enum Memory {
    /** Java objects: seen in heap after GC. */
    HEAP,
    /** Outside the Java heap (thread stacks, the JVM's own structures, direct buffers): in RSS. */
    NATIVE
  }
}
