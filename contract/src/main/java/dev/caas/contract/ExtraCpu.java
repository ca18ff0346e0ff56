package dev.caas.contract;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * A regression on purpose, for testing the regression gate only: {@code --extra-cpu 1ms} makes a
 * variant burn one millisecond of CPU on every photo request before its handler runs.
 *
 * <p>A gate that has never caught anything proves nothing. Its own benchmark starts the same build
 * twice, once with this option, and counts how often the gate calls the pair "slower"; started
 * without it (the default, zero) it costs one comparison per request and nothing else. Never use it
 * to model a real workload: it is a cost with no work behind it.
 *
 * <p>It spins on the thread's own CPU clock where the JVM keeps one, so a spin preempted by a
 * neighbour's process still ends up costing the full amount of CPU; a virtual thread has no such
 * clock (its carrier's runs other threads too), and spins on the wall clock instead.
 */
public final class ExtraCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Written so the JIT cannot prove the loop useless and remove it. */
  private static volatile long sink;

  private ExtraCpu() {}

  /** Burns {@code amount} of CPU on the calling thread; returns at once for zero. */
  public static void spin(Duration amount) {
    long nanos = amount.toNanos();
    if (nanos <= 0) {
      return;
    }
    boolean cpuClock =
        !Thread.currentThread().isVirtual() && THREADS.isCurrentThreadCpuTimeSupported();
    long start = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    long work = 0;
    while ((cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start < nanos) {
      for (int i = 0; i < 1_000; i++) {
        work = work * 31 + i;
      }
    }
    sink = work;
  }
}
