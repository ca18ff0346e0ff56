package dev.caas.harness.bench;

import dev.caas.contract.Load;
import dev.caas.harness.cost.CostMeter;
import dev.caas.harness.cost.CostWindow;
import dev.caas.harness.cost.JvmMeter;
import dev.caas.harness.cost.MeteredProcess;
import dev.caas.harness.cost.PlateauSample;
import dev.caas.harness.cost.RunCosts;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Testbed;
import dev.caas.testbed.TestbedLayout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one variant process's runs cost, point by point: a {@link CostMeter} over the rig's
 * processes by role, opened after a point's fresh-connection round and closed when its last answer
 * is in, and the variant's JVM looked into through a {@link JvmMeter} attached once per process.
 *
 * <p>The roles: {@code variant}; {@code generator}, the harness's own JVM; {@code proxy} and {@code
 * upstream} when the testbed runs them as processes of their own (else they are inside the
 * generator's JVM, and a note says so); {@code postgres}, the postmaster and its backends, when
 * PostgreSQL runs on this machine. Nothing here fails a run: a meter that cannot attach or read
 * warns and the run goes on without that figure.
 */
final class RunMeter implements AutoCloseable {

  /** How often the variant's load is read while waiting for a point's plateau. */
  private static final Duration PLATEAU_POLL = Duration.ofMillis(100);

  /** The share of the upstream latency the plateau is waited for, at most. */
  private static final double PLATEAU_WAIT_SHARE = 0.8;

  private final VariantProcess process;
  private final Progress progress;
  private final List<MeteredProcess> processes;
  private final List<String> notes;
  private final Optional<JvmMeter> jvm;

  private CostMeter meter;
  private CompletableFuture<Optional<PlateauSample>> plateau;

  private RunMeter(
      VariantProcess process,
      Progress progress,
      List<MeteredProcess> processes,
      List<String> notes,
      Optional<JvmMeter> jvm) {
    this.process = process;
    this.progress = progress;
    this.processes = processes;
    this.notes = notes;
    this.jvm = jvm;
  }

  /** Watches {@code process} and the testbed's processes; attaches to the variant's JVM. */
  static RunMeter watching(
      VariantProcess process, Testbed testbed, OptionalLong postmaster, Progress progress) {
    var processes = new ArrayList<MeteredProcess>();
    var notes = new ArrayList<String>();
    processes.add(MeteredProcess.of("variant", process.pid()));
    processes.add(MeteredProcess.self("generator"));
    TestbedLayout layout = testbed.layout();
    var inside = new ArrayList<String>();
    if (layout.proxyPid() > 0) {
      processes.add(MeteredProcess.of("proxy", layout.proxyPid()));
    } else {
      inside.add("the proxy");
    }
    if (layout.upstreamPid() > 0) {
      processes.add(MeteredProcess.of("upstream", layout.upstreamPid()));
    } else {
      inside.add("the dog upstream");
    }
    if (!inside.isEmpty()) {
      notes.add(
          "generator is the harness's JVM, which also runs "
              + String.join(" and ", inside)
              + " (testbed in process): its CPU is the rig's, not the load generator's alone");
    }
    if (postmaster.isPresent()) {
      processes.add(MeteredProcess.tree("postgres", postmaster.getAsLong()));
    } else {
      notes.add(
          "PostgreSQL is not a process of this machine that the harness can see: not metered");
    }
    Optional<JvmMeter> jvm;
    try {
      jvm = Optional.of(JvmMeter.attach(process.pid()));
      jvm.get().flags().warnings().forEach(w -> notes.add("variant JVM: " + w));
    } catch (IOException | RuntimeException e) {
      progress.warn(
          process.variant().wireName()
              + ": cannot look inside the variant's JVM ("
              + e.getMessage()
              + "); its costs are the OS's figures only");
      jvm = Optional.empty();
    }
    return new RunMeter(process, progress, List.copyOf(processes), List.copyOf(notes), jvm);
  }

  /**
   * This meter as the watcher of one point's measured window ({@link BenchRig#measure}): opened as
   * the latency goes on, closed when the requests are done; with {@code plateau}, the variant is
   * also sampled once all the point's clients wait (the scale scenario).
   */
  Window window(ScenarioPoint point, boolean plateau) {
    return new Window(point, plateau);
  }

  /** One window of this meter, and the costs it measured once closed. */
  final class Window implements BenchRig.Window {
    private final ScenarioPoint point;
    private final boolean plateau;
    private Optional<RunCosts> costs = Optional.empty();

    private Window(ScenarioPoint point, boolean plateau) {
      this.point = point;
      this.plateau = plateau;
    }

    @Override
    public void opening() {
      start();
    }

    @Override
    public void latencyOn() {
      if (plateau) {
        // A ramped loop has all its clients waiting only once the last has started.
        samplePlateau(point.concurrency(), point.workload().rampUp(), point.latency().upstream());
      }
    }

    @Override
    public void closed() {
      // Every request of the window was served at its cost, the ramp's too.
      costs = stop(point.workload().totalRequests());
    }

    /** What the window measured; empty before it closed or when it could not be measured. */
    Optional<RunCosts> costs() {
      return costs;
    }
  }

  /** Opens the window: the variant's opening sample (with its GC), then the OS counters. */
  void start() {
    CostMeter opened = CostMeter.watching(processes);
    if (jvm.isPresent()) {
      opened = opened.withJvm(jvm.get());
    }
    try {
      opened.start();
      meter = opened;
    } catch (IOException | RuntimeException e) {
      progress.warn(process.variant().wireName() + ": cost window not opened: " + e.getMessage());
      meter = null;
    }
  }

  /**
   * Samples the variant once {@code clients} requests are in flight, or once the ramp and {@value
   * #PLATEAU_WAIT_SHARE} of the upstream latency have passed, whichever comes first, in the
   * background while the point runs. A variant too busy to answer {@code /health} (sync, every
   * thread waiting) counts as holding every client's request.
   */
  void samplePlateau(int clients, Duration rampUp, Duration upstreamLatency) {
    if (jvm.isEmpty() || meter == null) {
      return;
    }
    long latest =
        System.nanoTime()
            + rampUp.toNanos()
            + Math.round(upstreamLatency.toNanos() * PLATEAU_WAIT_SHARE);
    // A platform thread: the JMX call of the sample, made from a virtual thread, never returned
    // here (seen on JDK 25: the window's own samples, from the bench's platform thread, did).
    plateau =
        CompletableFuture.supplyAsync(
            () -> plateauSample(clients, latest),
            runnable -> Thread.ofPlatform().daemon().name("caas-plateau").start(runnable));
  }

  private Optional<PlateauSample> plateauSample(int clients, long latestNanos) {
    long inFlight = clients;
    while (System.nanoTime() < latestNanos) {
      try {
        Optional<Load> load = process.load();
        if (load.isEmpty()) {
          break;
        }
        inFlight = load.get().inFlight();
        if (inFlight >= clients) {
          break;
        }
      } catch (RuntimeException busy) {
        inFlight = clients;
      }
      try {
        Thread.sleep(PLATEAU_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new PlateauSample(inFlight, jvm.orElseThrow().sample()));
    } catch (IOException | RuntimeException e) {
      progress.warn(process.variant().wireName() + ": no plateau sample: " + e);
      return Optional.empty();
    }
  }

  /** Closes the window after {@code requests} were measured; empty when it was never opened. */
  Optional<RunCosts> stop(long requests) {
    Optional<PlateauSample> sampled = Optional.empty();
    if (plateau != null) {
      try {
        sampled = plateau.get(1, TimeUnit.MINUTES);
      } catch (ExecutionException | TimeoutException e) {
        progress.warn(process.variant().wireName() + ": no plateau sample: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      plateau = null;
    }
    if (meter == null) {
      return Optional.empty();
    }
    try {
      CostWindow window = meter.stop();
      return Optional.of(new RunCosts(window, requests, sampled, notes));
    } catch (IOException | RuntimeException e) {
      progress.warn(process.variant().wireName() + ": cost window not closed: " + e.getMessage());
      return Optional.empty();
    } finally {
      meter = null;
    }
  }

  /** The variant JVM's flags, if it could be looked into. */
  Optional<dev.caas.harness.cost.JvmFlags> flags() {
    return jvm.map(JvmMeter::flags);
  }

  @Override
  public void close() {
    if (jvm.isPresent()) {
      try {
        jvm.get().close();
      } catch (IOException e) {
        progress.warn("could not close the JMX connection to the variant: " + e.getMessage());
      }
    }
  }
}
