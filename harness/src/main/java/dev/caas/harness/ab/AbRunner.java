package dev.caas.harness.ab;

import dev.caas.contract.ServerTiming;
import dev.caas.harness.compare.GateRun;
import dev.caas.harness.compare.RunSamples;
import dev.caas.harness.cost.CostMeter;
import dev.caas.harness.cost.CostWindow;
import dev.caas.harness.cost.JvmMeter;
import dev.caas.harness.cost.MeteredProcess;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Progress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an A/B: the two builds' JVMs in turns ({@link AbOrder}), each put through the same {@link
 * AbPlan}: a warm-up, a closed loop at no latency with the variant's CPU and allocation metered, a
 * closed loop of a few clients at the latency point, and an open loop at a fixed rate. Each JVM
 * becomes one {@link GateRun}, labelled with its build.
 */
public final class AbRunner {
  private static final String ROLE = "variant";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final AbTarget target;
  private final AbPlan plan;
  private final Progress progress;

  public AbRunner(AbTarget target, AbPlan plan, Progress progress) {
    this.target = target;
    this.plan = plan;
    this.progress = progress;
  }

  /** Every JVM of both builds, in the order they ran. */
  public List<GateRun> run(Build base, Build head) throws Exception {
    var runs = new ArrayList<GateRun>();
    for (AbOrder.Slot slot : AbOrder.interleaved(base.name(), head.name(), plan.repeat())) {
      Build build = slot.build().equals(base.name()) ? base : head;
      runs.add(runOne(build, slot));
    }
    return runs;
  }

  private GateRun runOne(Build build, AbOrder.Slot slot) throws Exception {
    String label = build.name() + " #" + slot.repetition();
    progress.phase(label, "starting (" + slot.position() + " of " + 2 * plan.repeat() + ")");
    target.injectLatency(Duration.ZERO);
    try (AbTarget.Server server = target.start(build);
        var client = new RequestClient(server.baseUrl(), plan.maxConnections(), REQUEST_TIMEOUT)) {
      String path = server.path();
      progress.phase(label, "warming up, " + plan.warmupRequests() + " requests");
      new ClosedLoop(plan.saturationClients(), plan.warmupRequests()).run(client, path, done -> {});

      progress.phase(label, "saturation, " + plan.saturationRequests() + " requests, no latency");
      List<Sample> saturation;
      CostWindow cost;
      try (CostMeter meter = meter(server)) {
        meter.start();
        saturation =
            new ClosedLoop(plan.saturationClients(), plan.saturationRequests())
                .run(client, path, done -> {});
        cost = meter.stop();
      }
      long served = saturation.stream().filter(Sample::ok).count();
      // The JIT's share varies from launch to launch by more than a regression: leave it out.
      double cpuMsPerRequest =
          served == 0 ? Double.NaN : (double) cost.process(ROLE).cpuMillisWithoutJit() / served;

      progress.phase(label, "latency point, " + plan.latency().toMillis() + " ms per step");
      // One request per client first: the point starts on open connections.
      new ClosedLoop(plan.latencyClients(), plan.latencyClients()).run(client, path, done -> {});
      List<Sample> atLatency;
      target.injectLatency(plan.latency());
      try {
        atLatency =
            new ClosedLoop(plan.latencyClients(), plan.latencyRequests())
                .run(client, path, done -> {});
      } finally {
        target.injectLatency(Duration.ZERO);
      }

      progress.phase(
          label, String.format(Locale.ROOT, "open loop, %.0f requests/s", plan.openLoopRate()));
      List<Sample> openLoop =
          new OpenLoop(plan.openLoopRate(), plan.openLoopRequests(), plan.maxConnections())
              .run(client, path, done -> {});

      return new GateRun(
          build.name(),
          slot.repetition(),
          repetition(saturation),
          repetition(atLatency),
          target.theoryMs(plan.latency()),
          plan.latencyClients(),
          stepExcess(atLatency, plan.latency()),
          repetition(openLoop),
          cpuMsPerRequest,
          cost.variantJvm().map(jvm -> jvm.allocatedBytesPerRequest(served)).orElse(Double.NaN));
    }
  }

  /**
   * The variant's process and, when its JVM lets us attach, its heap: without the attach the gate
   * judges everything but the bytes allocated.
   */
  private CostMeter meter(AbTarget.Server server) {
    long pid = server.pid();
    CostMeter processOnly = CostMeter.watching(List.of(MeteredProcess.of(ROLE, pid)));
    if (!server.meterHeap()) {
      return processOnly;
    }
    Optional<JvmMeter> jvm;
    try {
      jvm = Optional.of(JvmMeter.attach(pid));
    } catch (IOException | RuntimeException e) {
      progress.warn(
          "cannot look inside JVM " + pid + " (" + e.getMessage() + "): no allocation figure");
      jvm = Optional.empty();
    }
    return jvm.map(processOnly::withJvm).orElse(processOnly);
  }

  /** The samples as {@code compare} keeps them: successful latencies in the order sent. */
  static RunSamples.Repetition repetition(List<Sample> samples) {
    double[] ok =
        samples.stream().filter(Sample::ok).mapToDouble(s -> s.latencyNanos() / 1e6).toArray();
    long first = samples.stream().mapToLong(Sample::intendedStartNanos).min().orElse(0);
    long last = samples.stream().mapToLong(Sample::endNanos).max().orElse(0);
    return new RunSamples.Repetition(ok, (last - first) / 1e6, samples.size());
  }

  /**
   * Per step named in the successful requests' Server-Timing (not {@code total}), its duration
   * minus the latency injected on it: what the code and the client library add to one round trip.
   */
  static Map<String, double[]> stepExcess(List<Sample> samples, Duration injected) {
    double latencyMs = injected.toNanos() / 1e6;
    var excess = new LinkedHashMap<String, List<Double>>();
    for (Sample sample : samples) {
      if (!sample.ok() || sample.serverTiming() == null) {
        continue;
      }
      for (ServerTiming.Metric step : ServerTiming.parse(sample.serverTiming())) {
        if (!step.name().equals(ServerTiming.TOTAL)) {
          excess
              .computeIfAbsent(step.name(), name -> new ArrayList<>())
              .add(step.durationMs() - latencyMs);
        }
      }
    }
    var arrays = new LinkedHashMap<String, double[]>();
    excess.forEach(
        (step, values) ->
            arrays.put(step, values.stream().mapToDouble(Double::doubleValue).toArray()));
    return arrays;
  }
}
