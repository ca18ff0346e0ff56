package dev.caas.harness.cost;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Looks inside another JVM (the variant's) through its own MXBeans: attaches with the JDK's Attach
 * API, asks it to start its local JMX agent, and connects to that.
 *
 * <p>Use: {@code try (var jvm = JvmMeter.attach(pid)) { jvm.start(); …; JvmCost cost = jvm.stop();
 * }}, and {@link #sample()} while requests wait, for the memory-against-in-flight fit. Every sample
 * forces a full GC in the target (a {@code System.gc()} through the MemoryMXBean) so that the heap
 * it reads is what is live, not what is garbage; that GC pauses the variant, so take samples where
 * a pause does not matter (a closed loop at its plateau, all clients waiting on the injected
 * latency) and never in a window whose latencies are reported as if nothing happened.
 *
 * <p>The attach and the JMX connection cost the target a few platform threads (RMI's connection and
 * scheduler threads), present in every sample alike: they shift the intercept of a fit, not its
 * slope.
 */
public final class JvmMeter implements AutoCloseable {

  private static final ObjectName DIAGNOSTIC_COMMAND =
      objectName("com.sun.management:type=DiagnosticCommand");
  private static final long NOTIFICATION_WAIT_MILLIS = 2_000;

  private final long pid;
  private final JMXConnector connector;
  private final MBeanServerConnection connection;
  private final MemoryMXBean memory;
  private final com.sun.management.ThreadMXBean threads;
  private final CompilationMXBean compilation;
  private final RuntimeMXBean runtime;
  private final List<com.sun.management.GarbageCollectorMXBean> collectors;
  private final List<com.sun.management.GarbageCollectorMXBean> everyCollector;
  private final Set<String> heapPools;
  private final JvmFlags flags;
  private final GcPauses pauses = new GcPauses();
  private final OperatingSystem os = new SystemInfo().getOperatingSystem();

  private Window open;

  /** The counters read when a window opened. */
  private record Window(
      JvmSample start,
      long uptimeMillis,
      Map<String, Long> collections,
      long allocatedBytes,
      long compilationMillis) {}

  private JvmMeter(long pid, JMXConnector connector) throws IOException {
    this.pid = pid;
    this.connector = connector;
    this.connection = connector.getMBeanServerConnection();
    this.memory = ManagementFactory.getPlatformMXBean(connection, MemoryMXBean.class);
    this.threads =
        ManagementFactory.getPlatformMXBean(connection, com.sun.management.ThreadMXBean.class);
    this.compilation = ManagementFactory.getPlatformMXBean(connection, CompilationMXBean.class);
    this.runtime = ManagementFactory.getPlatformMXBean(connection, RuntimeMXBean.class);
    this.everyCollector =
        ManagementFactory.getPlatformMXBeans(
            connection, com.sun.management.GarbageCollectorMXBean.class);
    this.collectors =
        everyCollector.stream().filter(c -> GcPauses.reportsPauses(c.getName())).toList();
    this.heapPools =
        ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    this.flags =
        JvmFlags.read(
            ManagementFactory.getPlatformMXBean(connection, HotSpotDiagnosticMXBean.class));
    try {
      pauses.listenTo(
          connection, collectors.stream().map(GarbageCollectorMXBean::getObjectName).toList());
    } catch (JMException e) {
      throw new IOException("cannot listen to the collectors of JVM " + pid, e);
    }
  }

  /**
   * Attaches to the JVM with this pid and connects to its local JMX agent (starting the agent if it
   * is not running; a second call finds it running).
   *
   * @throws IOException when the JVM cannot be attached to: it runs as another user, was started
   *     with {@code -XX:+DisableAttachMechanism}, is not a HotSpot JVM, is still starting, or its
   *     {@code /tmp} is not ours (the attach handshake is a file there)
   */
  public static JvmMeter attach(long pid) throws IOException {
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException e) {
      throw new IOException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    try {
      return new JvmMeter(pid, connector);
    } catch (IOException | RuntimeException e) {
      connector.close();
      throw e;
    }
  }

  /** The target's pid. */
  public long pid() {
    return pid;
  }

  /** The target's flags that decide what its figures mean. */
  public JvmFlags flags() {
    return flags;
  }

  /**
   * The target now, after a full GC: heap after GC, RSS, threads (with a thread dump) and native
   * memory (when tracked). Takes a fraction of a second, more with thousands of threads.
   */
  public JvmSample sample() throws IOException {
    memory.gc();
    var heap = memory.getHeapMemoryUsage();
    int platformThreads = threads.getThreadCount();
    long uptime = runtime.getUptime();
    return new JvmSample(
        uptime,
        heapAfterLatestCollection().orElse(heap.getUsed()),
        heap.getCommitted(),
        residentBytes(),
        platformThreads,
        threadCensus(),
        nativeMemory());
  }

  /**
   * The heap in use just after the latest collection (the one {@link #sample()} forced), summed
   * over the heap's pools, as that collection reported it. Reading the heap's use after {@code
   * gc()} returns instead would count what the variant allocated since: a variant answering a
   * thousand requests allocates hundreds of megabytes a second, and a sample at the end of a
   * plateau read 370 kB per waiting request where this reads what is live.
   */
  private Optional<Long> heapAfterLatestCollection() {
    com.sun.management.GcInfo latest = null;
    for (var collector : everyCollector) {
      var info = collector.getLastGcInfo();
      if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
        latest = info;
      }
    }
    if (latest == null) {
      return Optional.empty();
    }
    return Optional.of(
        latest.getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> heapPools.contains(pool.getKey()))
            .mapToLong(pool -> pool.getValue().getUsed())
            .sum());
  }

  /** Opens a measured window: a sample, then the counters (so the sample's GC is outside). */
  public void start() throws IOException {
    if (open != null) {
      throw new IllegalStateException("a window is already open");
    }
    JvmSample start = sample();
    threads.resetPeakThreadCount();
    Map<String, Long> collections = collections();
    open =
        new Window(
            start,
            runtime.getUptime(),
            collections,
            threads.getTotalThreadAllocatedBytes(),
            compilation.getTotalCompilationTime());
  }

  /** Closes the window: the counters first, then a closing sample (so its GC is outside). */
  public JvmCost stop() throws IOException {
    if (open == null) {
      throw new IllegalStateException("no window is open");
    }
    Window window = open;
    open = null;
    Map<String, Long> collections = collections();
    long allocated = threads.getTotalThreadAllocatedBytes() - window.allocatedBytes();
    long compiling = compilation.getTotalCompilationTime() - window.compilationMillis();
    int peakThreads = threads.getPeakThreadCount();
    long endUptime = runtime.getUptime();
    boolean complete;
    try {
      complete = pauses.awaitAll(window.collections(), collections, NOTIFICATION_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for GC notifications", e);
    }
    var paused =
        pauses.between(window.collections(), collections).stream()
            .filter(c -> !GcPauses.FORCED_CAUSE.equals(c.cause()))
            .toList();
    JvmSample end = sample();
    return new JvmCost(
        Duration.ofMillis(endUptime - window.uptimeMillis()),
        window.start(),
        end,
        paused.size(),
        paused.stream().mapToLong(GcPauses.Collection::durationMillis).sum(),
        paused.stream().mapToLong(GcPauses.Collection::durationMillis).max().orElse(0),
        complete,
        allocated,
        compiling,
        peakThreads,
        flags);
  }

  /** Each collector's count of collections so far, by the collector's name. */
  private Map<String, Long> collections() {
    Map<String, Long> counts = new HashMap<>();
    collectors.forEach(c -> counts.put(c.getName(), c.getCollectionCount()));
    return counts;
  }

  private long residentBytes() {
    OSProcess process = os.getProcess(Math.toIntExact(pid));
    return process == null ? 0 : process.getResidentMemory();
  }

  private Optional<NativeMemory> nativeMemory() throws IOException {
    if ("off".equals(flags.nativeMemoryTracking())) {
      return Optional.empty();
    }
    return NativeMemory.parse(diagnosticCommand("vmNativeMemory", NativeMemory.SUMMARY_IN_KB));
  }

  /**
   * The target writes its thread dump to a file (the diagnostic command returns only a line saying
   * so); the file is read as a stream and deleted.
   */
  private ThreadCensus threadCensus() throws IOException {
    Path dump = Files.createTempFile("caas-threads-", ".json");
    try {
      diagnosticCommand(
          "threadDumpToFile", new String[] {"-overwrite", "-format=json", dump.toString()});
      try (InputStream json = Files.newInputStream(dump)) {
        return ThreadCensus.read(json);
      }
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  private String diagnosticCommand(String operation, String[] arguments) throws IOException {
    try {
      Object answer =
          connection.invoke(
              DIAGNOSTIC_COMMAND,
              operation,
              new Object[] {arguments},
              new String[] {String[].class.getName()});
      return String.valueOf(answer);
    } catch (JMException e) {
      throw new IOException("diagnostic command " + operation + " failed in JVM " + pid, e);
    }
  }

  private static ObjectName objectName(String name) {
    try {
      return new ObjectName(name);
    } catch (JMException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** Closes the JMX connection. The agent keeps running in the target until it exits. */
  @Override
  public void close() throws IOException {
    connector.close();
  }
}
