package dev.caas.harness.cost;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What a measured window cost: one {@link ProcessCost} per process, and the variant JVM's {@link
 * JvmCost} when the meter looked inside it.
 *
 * @param window how long the window lasted, wall clock
 * @param processes the processes, in the order the meter was given them
 * @param variantJvm the variant JVM's own figures, when attached
 * @param machineCpuMillis the whole machine's busy CPU time in the window, every process and the
 *     kernel: more than the processes' sum by the kernel's work for them (the loopback traffic
 *     between them is carried in softirqs, charged to no process) and by anything else running
 */
public record CostWindow(
    Duration window,
    List<ProcessCost> processes,
    Optional<JvmCost> variantJvm,
    long machineCpuMillis) {

  public CostWindow {
    processes = List.copyOf(processes);
  }

  /** The cost of the process with this role. */
  public ProcessCost process(String role) {
    return processes.stream()
        .filter(p -> p.role().equals(role))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no process with role " + role));
  }

  /** CPU milliseconds spent inside the window, summed over every process. */
  public long cpuMillis() {
    return processes.stream().mapToLong(ProcessCost::cpuMillis).sum();
  }

  /**
   * The same without the JIT compilers' share ({@link ProcessCost#cpuMillisWithoutJit()}): the
   * demand the code puts on the machine once warm, which the JIT's warm-up would inflate by an
   * amount that falls from one window to the next.
   */
  public long cpuMillisWithoutJit() {
    return processes.stream().mapToLong(ProcessCost::cpuMillisWithoutJit).sum();
  }

  /**
   * The machine's busy CPU time without the metered JVMs' JIT compilers: the demand the service law
   * fits ({@code CpuDemand#fromUtilisation}), the kernel's share for the rig's traffic included.
   */
  public long machineCpuMillisWithoutJit() {
    return machineCpuMillis - jitCpuMillis();
  }

  /** CPU milliseconds the metered JVMs' JIT compilers used in the window, summed. */
  public long jitCpuMillis() {
    return processes.stream().mapToLong(ProcessCost::jitCpuMillis).sum();
  }

  /**
   * Cores the metered JVMs' JIT compilers kept busy on average over the window: the share of the
   * machine that served no request ({@code CpuDemand#whileCompiling}); 0 for an empty window.
   */
  public double jitCores() {
    long millis = window.toMillis();
    return millis <= 0 ? 0 : jitCpuMillis() / (double) millis;
  }

  /** CPU milliseconds per request, summed over every process: the whole machine's cost of one. */
  public double cpuMillisPerRequest(long requests) {
    return processes.stream().mapToDouble(p -> p.cpuMillisPerRequest(requests)).sum();
  }

  /**
   * The fields a report prints: one object per role, the variant's JVM under {@code variantJvm}.
   * {@code requests} is the number the window served (0 for a warm-up: no per-request fields).
   */
  public Map<String, Object> toJsonFields(long requests) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("windowMs", window.toMillis());
    fields.put("machineCpuMs", machineCpuMillis);
    if (requests > 0) {
      fields.put("requests", requests);
      fields.put("cpuMsPerRequest", cpuMillisPerRequest(requests));
    }
    Map<String, Object> byRole = new LinkedHashMap<>();
    processes.forEach(p -> byRole.put(p.role(), p.toJsonFields(requests)));
    fields.put("processes", byRole);
    variantJvm.ifPresent(jvm -> fields.put("variantJvm", jvm.toJsonFields(requests)));
    return fields;
  }
}
