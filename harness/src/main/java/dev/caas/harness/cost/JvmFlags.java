package dev.caas.harness.cost;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of the variant's JVM that decide whether its cost can be measured at all, read from the
 * running JVM (so a wrapper script that drops one is caught).
 *
 * <h2>What the variant needs, and why</h2>
 *
 * <ul>
 *   <li>{@code -Xms} = {@code -Xmx} (the same for every variant, e.g. {@code -Xms2g -Xmx2g}): with
 *       a heap that grows on demand, RSS follows the collector's sizing decisions, not the
 *       requests.
 *   <li>{@code -XX:+AlwaysPreTouch}: the whole heap is resident from the start, so RSS grows only
 *       with native memory (thread stacks, direct buffers, malloc) and the heap's growth shows only
 *       in heap-after-GC: the two slopes measure two different things.
 *   <li>{@code -XX:NativeMemoryTracking=summary}: for {@link NativeMemory}; without it the native
 *       figures are missing, nothing else.
 *   <li>Not {@code -XX:+DisableExplicitGC} nor {@code -XX:+ExplicitGCInvokesConcurrent}: heap after
 *       GC is read right after a {@code System.gc()} the meter asks for, which must be a full,
 *       synchronous collection.
 *   <li>Not {@code -XX:+DisableAttachMechanism}, and the same user as the harness (or the harness
 *       as root). Nothing else: {@code startLocalManagementAgent()} runs the diagnostic command
 *       {@code ManagementAgent.start_local} in the target, it loads no agent, so {@code
 *       -XX:+EnableDynamicAgentLoading} is not needed and JDK 21+'s warning about dynamically
 *       loaded agents does not appear.
 * </ul>
 *
 * @param maxHeapBytes {@code MaxHeapSize}
 * @param initialHeapBytes {@code InitialHeapSize}
 * @param alwaysPreTouch {@code AlwaysPreTouch}
 * @param nativeMemoryTracking {@code NativeMemoryTracking}: off, summary or detail
 * @param explicitGcIsFull whether {@code System.gc()} runs a full, synchronous collection
 * @param threadStackBytes {@code ThreadStackSize} (-Xss): the stack each platform thread reserves
 * @param stackShadowPages {@code StackShadowPages}: pages below the stack pointer that compiled
 *     code touches ("bangs") on method entry, so they are committed on every Java thread
 */
public record JvmFlags(
    long maxHeapBytes,
    long initialHeapBytes,
    boolean alwaysPreTouch,
    String nativeMemoryTracking,
    boolean explicitGcIsFull,
    long threadStackBytes,
    int stackShadowPages) {

  /**
   * The heap every variant gets, pinned: the same for all, so their RSS compares, and room for
   * 9,000 waiting requests of any model (a few kilobytes each) beside the application.
   */
  public static final String VARIANT_HEAP = "2g";

  /**
   * The flags the bench starts every variant with: {@code -Xms} = {@code -Xmx} = {@link
   * #VARIANT_HEAP} and native memory tracking; with {@code preTouch}, also {@code
   * -XX:+AlwaysPreTouch}. Pre-touching costs seconds at start-up on this machine (≈ 14 s for 2 GiB:
   * the kernel faults in every page), so only the scenarios that fit RSS against requests in flight
   * ask for it. Flags given after these ({@code --jvm-arg}) win.
   */
  public static List<String> launchArguments(boolean preTouch) {
    List<String> arguments = new ArrayList<>();
    arguments.add("-Xms" + VARIANT_HEAP);
    arguments.add("-Xmx" + VARIANT_HEAP);
    arguments.add("-XX:NativeMemoryTracking=summary");
    if (preTouch) {
      arguments.add("-XX:+AlwaysPreTouch");
    }
    return arguments;
  }

  static JvmFlags read(HotSpotDiagnosticMXBean hotspot) {
    return new JvmFlags(
        Long.parseLong(option(hotspot, "MaxHeapSize", "0")),
        Long.parseLong(option(hotspot, "InitialHeapSize", "0")),
        Boolean.parseBoolean(option(hotspot, "AlwaysPreTouch", "false")),
        option(hotspot, "NativeMemoryTracking", "off"),
        !Boolean.parseBoolean(option(hotspot, "DisableExplicitGC", "false"))
            && !Boolean.parseBoolean(option(hotspot, "ExplicitGCInvokesConcurrent", "false")),
        // ThreadStackSize is in kilobytes; 0 means the platform's default (1 MiB on Linux x64).
        kibOrDefault(Long.parseLong(option(hotspot, "ThreadStackSize", "0")), 1024),
        Integer.parseInt(option(hotspot, "StackShadowPages", "20")));
  }

  private static long kibOrDefault(long kib, long defaultKib) {
    return (kib == 0 ? defaultKib : kib) * 1024;
  }

  /** A flag's value, or the fallback when this JVM does not have the flag. */
  private static String option(HotSpotDiagnosticMXBean hotspot, String name, String fallback) {
    try {
      VMOption option = hotspot.getVMOption(name);
      return option.getValue();
    } catch (IllegalArgumentException unknownFlag) {
      return fallback;
    }
  }

  /** Whether heap after GC means what it says: the meter's {@code System.gc()} is a full GC. */
  public boolean heapAfterGcIsExact() {
    return explicitGcIsFull;
  }

  /** What makes this JVM's figures less than they should be, one sentence each; empty when none. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (initialHeapBytes != maxHeapBytes) {
      warnings.add(
          "heap not pinned (-Xms "
              + initialHeapBytes
              + " != -Xmx "
              + maxHeapBytes
              + "): RSS follows the heap's sizing, not the requests");
    }
    if (!alwaysPreTouch) {
      warnings.add("heap not pre-touched (-XX:+AlwaysPreTouch): RSS mixes heap and native growth");
    }
    if ("off".equals(nativeMemoryTracking)) {
      warnings.add("-XX:NativeMemoryTracking=summary is off: no native memory figures");
    }
    if (!explicitGcIsFull) {
      warnings.add(
          "System.gc() is disabled or concurrent: heap after GC is only heap used at that moment");
    }
    return warnings;
  }
}
