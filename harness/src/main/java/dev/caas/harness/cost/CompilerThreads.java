package dev.caas.harness.cost;

import java.util.Locale;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OSThread;
import oshi.software.os.OperatingSystem;

/**
 * The CPU time a JVM's just-in-time compilers have used, read from the kernel's per-thread accounts
 * (through OSHI): HotSpot names its compiler threads {@code C1 CompilerThread0}, {@code C2
 * CompilerThread0} …, which Linux shows truncated to fifteen characters ({@code C2 CompilerThre}).
 * The JVM's own {@code ThreadMXBean} does not list them: HotSpot hides compiler threads from it.
 *
 * <p>Why it matters: a short window after a short warm-up still has C2 compiling, and how much it
 * compiles varies from launch to launch by milliseconds per request — more than the code change a
 * regression gate is asked to see. Subtracted from the process's CPU, what is left is the CPU the
 * code ran on.
 */
public final class CompilerThreads {
  private static final OperatingSystem OS = new SystemInfo().getOperatingSystem();

  private CompilerThreads() {}

  /** The compiler threads' CPU time so far, user and kernel, in ms; 0 for a process gone. */
  public static long cpuMillis(long pid) {
    OSProcess process = OS.getProcess((int) pid);
    return process == null ? 0 : cpuMillis(process);
  }

  /**
   * The same for a process already read; 0 unless it is a JVM ({@code java}): only HotSpot names
   * threads so, and another process's threads are not worth reading one by one.
   */
  static long cpuMillis(OSProcess process) {
    if (!"java".equals(process.getName())) {
      return 0;
    }
    return process.getThreadDetails().stream()
        .filter(CompilerThreads::isCompiler)
        .mapToLong(thread -> thread.getUserTime() + thread.getKernelTime())
        .sum();
  }

  static boolean isCompiler(OSThread thread) {
    String name = thread.getName() == null ? "" : thread.getName().toLowerCase(Locale.ROOT);
    return (name.startsWith("c1 compiler") || name.startsWith("c2 compiler"));
  }
}
