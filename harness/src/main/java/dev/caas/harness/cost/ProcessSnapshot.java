package dev.caas.harness.cost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * What one {@link MeteredProcess} holds at one instant: its CPU time so far, its resident memory,
 * its threads and its open files. For a tree, the figures are sums over the processes alive at that
 * instant, and the limits are the root's.
 *
 * <p>It is also the check a scenario needs <em>before</em> a point starts: {@link
 * #openFilesHeadroom()} says how many more sockets the process may open before {@code accept} or
 * {@code connect} fails with "Too many open files".
 *
 * @param role the process's role
 * @param pid the process (or the tree's root)
 * @param processes how many processes were summed (1 unless a tree)
 * @param cpuMillisByProcess CPU time (user + kernel) so far of each process summed, keyed by pid
 *     and start time, so that a pid reused by a new process is not mistaken for the old one
 * @param jitCpuMillisByProcess the part of it a JVM's just-in-time compiler threads used ({@link
 *     CompilerThreads}), keyed the same way; 0 for a process that is not a JVM
 * @param residentBytes resident set size, summed: pages shared between processes (PostgreSQL's
 *     shared buffers) count once per process that touched them
 * @param privateResidentBytes resident memory not shared with another process, summed: the honest
 *     sum for a tree
 * @param threads threads of the process, summed
 * @param openFiles open file descriptors (files, sockets, pipes), summed
 * @param openFilesSoftLimit the root's {@code RLIMIT_NOFILE} soft limit, the one that fails {@code
 *     accept}
 * @param openFilesHardLimit the root's hard limit, as far as the soft limit may be raised
 */
public record ProcessSnapshot(
    String role,
    long pid,
    int processes,
    Map<ProcessKey, Long> cpuMillisByProcess,
    Map<ProcessKey, Long> jitCpuMillisByProcess,
    long residentBytes,
    long privateResidentBytes,
    int threads,
    long openFiles,
    long openFilesSoftLimit,
    long openFilesHardLimit) {

  /**
   * A process as the kernel knows it over time: a pid is reused, a pid with its start time is not.
   */
  public record ProcessKey(long pid, long startMillis) {}

  public ProcessSnapshot {
    cpuMillisByProcess = Map.copyOf(cpuMillisByProcess);
    jitCpuMillisByProcess = Map.copyOf(jitCpuMillisByProcess);
  }

  /** CPU time (user + kernel) so far of every process summed. */
  public long cpuMillis() {
    return cpuMillisByProcess.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How many more files or sockets the process may open before it fails; negative when over. */
  public long openFilesHeadroom() {
    return openFilesSoftLimit - openFiles;
  }

  /**
   * Reads the process (and its descendants, if asked) now.
   *
   * @throws IllegalStateException when the process is gone
   */
  static ProcessSnapshot take(OperatingSystem os, MeteredProcess process) {
    OSProcess root = os.getProcess(Math.toIntExact(process.pid()));
    if (root == null) {
      throw new IllegalStateException(
          "process " + process.pid() + " (" + process.role() + ") is not running");
    }
    List<OSProcess> summed =
        process.withDescendants()
            ? concat(root, os.getDescendantProcesses(root.getProcessID(), null, null, 0))
            : List.of(root);
    Map<ProcessKey, Long> cpu = new HashMap<>();
    Map<ProcessKey, Long> jit = new HashMap<>();
    long resident = 0;
    long privateResident = 0;
    int threads = 0;
    long openFiles = 0;
    for (OSProcess p : summed) {
      var key = new ProcessKey(p.getProcessID(), p.getStartTime());
      cpu.put(key, p.getUserTime() + p.getKernelTime());
      jit.put(key, CompilerThreads.cpuMillis(p));
      resident += p.getResidentMemory();
      privateResident += p.getPrivateResidentMemory();
      threads += p.getThreadCount();
      openFiles += Math.max(0, p.getOpenFiles());
    }
    return new ProcessSnapshot(
        process.role(),
        process.pid(),
        summed.size(),
        cpu,
        jit,
        resident,
        privateResident,
        threads,
        openFiles,
        root.getSoftOpenFileLimit(),
        root.getHardOpenFileLimit());
  }

  private static List<OSProcess> concat(OSProcess root, List<OSProcess> descendants) {
    var all = new java.util.ArrayList<OSProcess>(descendants.size() + 1);
    all.add(root);
    all.addAll(descendants);
    return all;
  }
}
