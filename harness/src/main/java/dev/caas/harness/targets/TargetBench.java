package dev.caas.harness.targets;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchRig;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.text.Progress;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.testbed.Testbed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code caas bench --target}: implementations the harness did not start, measured exactly like a
 * launched variant — the same warm-up at no latency, the same fresh connections before each point,
 * latency put on the proxies of the testbed they were started against, the billing ledger of the
 * same database reconciled with the photos served once their compensations are done — and judged by
 * the same theory. What a target does not say is not guessed: its composition is read from its
 * {@code Server-Timing} ({@code name} starting after {@code billing} ended is sequential), its
 * limits from its {@code /health} or else reported as unknown.
 */
public final class TargetBench {
  private final BenchConfig config;
  private final BenchRig rig;
  private final Progress progress;

  public TargetBench(BenchConfig config, BenchRig rig, Progress progress) {
    this.config = config;
    this.rig = rig;
    this.progress = progress;
  }

  /** Every target at every point of the config's scenario, one target after the other. */
  public List<TargetRun> run(Testbed testbed, List<Target> targets) {
    var runs = new ArrayList<TargetRun>();
    for (Target unnamed : targets) {
      try (var health = new TargetHealth(unnamed.url());
          var client =
              new RequestClient(unnamed.url(), config.maxConcurrency(), config.requestTimeout())) {
        TargetHealth.Identity identity = health.identity();
        Target target = identity.name().map(unnamed::namedIfUnnamed).orElse(unnamed);
        Limits limits = identity.limits().orElse(null);
        testbed.setLatency(Duration.ZERO, Duration.ZERO);
        Composition composition = warmUp(client, target);
        for (ScenarioPoint point : config.points()) {
          runs.add(measure(testbed, health, client, target, composition, limits, point));
        }
      }
    }
    return runs;
  }

  /** The config's warm-up at no latency; its answers say the target's composition. */
  private Composition warmUp(RequestClient client, Target target) {
    ClosedLoop warmup = config.warmupWorkload();
    var probe = warmup != null ? warmup : new ClosedLoop(1, 5);
    progress.phase(target.label(), "warming up, " + probe.requests() + " requests at no latency");
    Composition composition = compositionOf(probe.run(client, DogPaths.ROOT, done -> {}));
    progress.phase(target.label(), composition.wireName() + ", from its Server-Timing");
    return composition;
  }

  /**
   * Sequential when, in most answers, the name lookup starts only after the billing insert ended
   * (rounded to 0.1 ms in the header); gathered when the two overlap.
   */
  static Composition compositionOf(List<Sample> samples) {
    int sequential = 0;
    int gathered = 0;
    for (Sample sample : samples) {
      if (!sample.ok() || sample.serverTiming() == null) {
        continue;
      }
      var timing = ServerTiming.parse(sample.serverTiming());
      var billing = ServerTiming.find(timing, "billing");
      var name = ServerTiming.find(timing, "name");
      if (billing != null && name != null) {
        if (name.startMs() >= billing.endMs() - 0.2) {
          sequential++;
        } else {
          gathered++;
        }
      }
    }
    if (sequential + gathered == 0) {
      throw new IllegalStateException(
          "no answer of the warm-up carried Server-Timing with billing and name (CONTRACT.md)");
    }
    return gathered > sequential ? Composition.GATHERED : Composition.SEQUENTIAL;
  }

  private TargetRun measure(
      Testbed testbed,
      TargetHealth health,
      RequestClient client,
      Target target,
      Composition composition,
      Limits limits,
      ScenarioPoint point) {
    String label =
        config.points().size() > 1
            ? target.label() + " [" + (point.index() + 1) + "/" + config.points().size() + "]"
            : target.label();
    BenchRig.Measured measured = rig.measure(testbed, client, point, label, BenchRig.Window.NONE);
    List<Sample> samples = measured.samples();
    var workload = point.workload();
    BillingCheck billing = rig.reconcile(testbed, health::load, label, measured.all());
    // A bounded pool of request threads shows in its limits; without them, nothing is assumed.
    boolean threadPerRequest = limits != null && limits.serverThreads() != null;
    Limits known = limits != null ? limits : new Limits(null, null, null, null);
    Theory theory =
        Theory.predict(composition, threadPerRequest, point.latency(), workload, known, Double.NaN);
    return new TargetRun(
        target,
        composition,
        limits,
        RunResult.of(null, known, samples, theory, billing, point, 1, measured.started()));
  }
}
