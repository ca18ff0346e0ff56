package dev.caas.harness.cost;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OperatingSystem;

/**
 * Adds up what each process of the rig costs over a measured window: CPU time, resident memory,
 * threads and open files per process (through OSHI, which reads the kernel's per-process accounts),
 * and, when given one, the variant JVM's own figures through a {@link JvmMeter}.
 *
 * <pre>{@code
 * var meter = CostMeter.watching(List.of(
 *         MeteredProcess.of("variant", variantPid),
 *         MeteredProcess.self("generator"),
 *         MeteredProcess.tree("postgres", postmasterPid)))
 *     .withJvm(JvmMeter.attach(variantPid));
 * meter.start();
 * … the measured part of the run …
 * CostWindow costs = meter.stop();
 * costs.process("variant").cpuMillisPerRequest(requests);
 * }</pre>
 *
 * <p>Warm-up stays outside: start after it, stop before the drain. Two roles that are one process
 * today (the generator, the proxy and the upstream all in the harness's JVM) should be listed once,
 * under one role, or the process is counted twice.
 */
public final class CostMeter implements AutoCloseable {

  private final List<MeteredProcess> processes;
  private final Optional<JvmMeter> jvm;
  private final OperatingSystem os;
  private final CentralProcessor processor;

  private List<ProcessSnapshot> started;
  private long startedNanos;
  private long machineBusyAtStart;

  private CostMeter(
      List<MeteredProcess> processes,
      Optional<JvmMeter> jvm,
      OperatingSystem os,
      CentralProcessor processor) {
    this.processes = List.copyOf(processes);
    this.jvm = jvm;
    this.os = os;
    this.processor = processor;
  }

  /** A meter over these processes, without a look inside any JVM. */
  public static CostMeter watching(List<MeteredProcess> processes) {
    var system = new SystemInfo();
    return new CostMeter(
        processes,
        Optional.empty(),
        system.getOperatingSystem(),
        system.getHardware().getProcessor());
  }

  /**
   * The same meter, also opening a window inside the variant's JVM; closing the meter closes it.
   */
  public CostMeter withJvm(JvmMeter variantJvm) {
    return new CostMeter(processes, Optional.of(variantJvm), os, processor);
  }

  /** The processes now, without a window: the budget check before a point starts. */
  public List<ProcessSnapshot> snapshot() {
    return processes.stream().map(p -> ProcessSnapshot.take(os, p)).toList();
  }

  /**
   * Opens the window. The JVM's opening sample (with its GC) comes first, the OS counters after.
   */
  public void start() throws IOException {
    if (started != null) {
      throw new IllegalStateException("a window is already open");
    }
    if (jvm.isPresent()) {
      jvm.get().start();
    }
    startedNanos = System.nanoTime();
    machineBusyAtStart = machineBusyMillis();
    started = snapshot();
  }

  /** Closes the window. The OS counters come first, then the JVM's closing sample and its GC. */
  public CostWindow stop() throws IOException {
    if (started == null) {
      throw new IllegalStateException("no window is open");
    }
    List<ProcessSnapshot> ended = snapshot();
    long machineBusy = machineBusyMillis() - machineBusyAtStart;
    Duration window = Duration.ofNanos(System.nanoTime() - startedNanos);
    List<ProcessCost> costs = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      costs.add(ProcessCost.between(started.get(i), ended.get(i), window));
    }
    started = null;
    Optional<JvmCost> jvmCost = jvm.isPresent() ? Optional.of(jvm.get().stop()) : Optional.empty();
    return new CostWindow(window, costs, jvmCost, machineBusy);
  }

  /**
   * The whole machine's busy CPU time so far, every core, every process and the kernel's own work
   * (interrupts, and the softirqs that carry loopback traffic between the processes): all but idle,
   * waiting for I/O and stolen by a hypervisor. OSHI reads {@code /proc/stat} in milliseconds.
   */
  private long machineBusyMillis() {
    long[] ticks = processor.getSystemCpuLoadTicks();
    long busy = 0;
    for (CentralProcessor.TickType type : CentralProcessor.TickType.values()) {
      switch (type) {
        case IDLE, IOWAIT, STEAL -> {}
        default -> busy += ticks[type.getIndex()];
      }
    }
    return busy;
  }

  @Override
  public void close() throws IOException {
    if (jvm.isPresent()) {
      jvm.get().close();
    }
  }
}
