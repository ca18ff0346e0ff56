package dev.caas.harness.cost;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one process (or tree) cost over a measured window: CPU time spent inside the window, and
 * memory, threads and open files at its start and end.
 *
 * <p>CPU time is the kernel's account (user + system), in the kernel's clock ticks (10 ms on
 * Linux): over a window of seconds the rounding is negligible, over a window of 50 ms it is not. In
 * a tree, a process that started inside the window counts from zero; a process that <em>exited</em>
 * inside the window is not seen at the end, and its CPU time is lost ({@link #exitedInWindow} says
 * how many): PostgreSQL's backends live as long as their pooled connections, so this is rare there.
 *
 * @param role the process's role
 * @param pid the process (or the tree's root)
 * @param window how long the window lasted, wall clock
 * @param cpuMillis CPU time spent inside the window
 * @param jitCpuMillis the part of it the just-in-time compilers used: a JVM's warm-up, not its
 *     code's demand ({@link CompilerThreads})
 * @param exitedInWindow processes of the tree seen at the start and gone at the end
 * @param start the snapshot at the start of the window
 * @param end the snapshot at the end of the window
 */
public record ProcessCost(
    String role,
    long pid,
    Duration window,
    long cpuMillis,
    long jitCpuMillis,
    int exitedInWindow,
    ProcessSnapshot start,
    ProcessSnapshot end) {

  /** Adds up the CPU time between two snapshots of the same process, process by process. */
  static ProcessCost between(ProcessSnapshot start, ProcessSnapshot end, Duration window) {
    long cpu = 0;
    long jit = 0;
    for (var entry : end.cpuMillisByProcess().entrySet()) {
      cpu += entry.getValue() - start.cpuMillisByProcess().getOrDefault(entry.getKey(), 0L);
      jit +=
          end.jitCpuMillisByProcess().getOrDefault(entry.getKey(), 0L)
              - start.jitCpuMillisByProcess().getOrDefault(entry.getKey(), 0L);
    }
    int exited = 0;
    for (var key : start.cpuMillisByProcess().keySet()) {
      if (!end.cpuMillisByProcess().containsKey(key)) {
        exited++;
      }
    }
    return new ProcessCost(start.role(), start.pid(), window, cpu, jit, exited, start, end);
  }

  /** CPU milliseconds per request, when the window served {@code requests} requests. */
  public double cpuMillisPerRequest(long requests) {
    return Ratios.perRequest(cpuMillis, requests);
  }

  /**
   * CPU time inside the window without the JIT compilers': what the code ran on. A short window
   * after a short warm-up still has C2 compiling, by an amount that varies from launch to launch.
   */
  public long cpuMillisWithoutJit() {
    return cpuMillis - jitCpuMillis;
  }

  /**
   * The fields a report prints, in a stable order, named as JSON fields. {@code requests} may be 0
   * when the window served none (a warm-up), and then the per-request field is left out.
   */
  public Map<String, Object> toJsonFields(long requests) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("role", role);
    fields.put("pid", pid);
    fields.put("processes", end.processes());
    fields.put("windowMs", window.toMillis());
    fields.put("cpuMs", cpuMillis);
    fields.put("jitCpuMs", jitCpuMillis);
    fields.put("cores", cores());
    if (requests > 0) {
      fields.put("cpuMsPerRequest", cpuMillisPerRequest(requests));
    }
    fields.put("rssBytesStart", start.residentBytes());
    fields.put("rssBytesEnd", end.residentBytes());
    fields.put("privateRssBytesEnd", end.privateResidentBytes());
    fields.put("threadsStart", start.threads());
    fields.put("threadsEnd", end.threads());
    fields.put("openFilesEnd", end.openFiles());
    fields.put("openFilesLimit", end.openFilesSoftLimit());
    if (exitedInWindow > 0) {
      fields.put("exitedInWindow", exitedInWindow);
    }
    return fields;
  }

  /** How many cores the process kept busy on average: 1.0 is one core for the whole window. */
  public double cores() {
    return Ratios.shareOf(cpuMillis, window);
  }
}
