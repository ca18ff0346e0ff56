package dev.caas.harness.bench;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.HealthWait;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Fault;
import dev.caas.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault matrix's runs ({@link Scenario#FAULTS}): for each variant and each fault, a fresh JVM
 * started with the short deadline, warmed up, then a {@link FaultPhases} at the scenario's latency
 * with the fault injected at a third and healed at two thirds. After the load: wait for the pools
 * to be idle, send one request that must be a 200, wait for compensations and reconcile the
 * billing. Each cell gets its own JVM so that what one fault leaves behind cannot be blamed on the
 * next.
 */
final class FaultBench {
  private final BenchRig rig;
  private final BenchConfig config;
  private final Progress progress;

  FaultBench(BenchRig rig, BenchConfig config, Progress progress) {
    this.rig = rig;
    this.config = config;
    this.progress = progress;
  }

  BenchReport measure(Testbed testbed, List<Variant> variants, List<NotRun> alreadyNotRun) {
    var provenance = rig.provenance(testbed.backends().postgres(), testbed.backends().toxiproxy());
    var cells = new ArrayList<FaultRun>();
    var notRun = new ArrayList<>(alreadyNotRun);
    for (Variant variant : variants) {
      for (Fault fault : config.faults()) {
        String label = fault.wireName() + " × " + variant.wireName();
        try {
          cells.add(runCell(testbed, variant, fault, label));
        } catch (VariantProcess.StartFailedException e) {
          // Each cell has its own JVM: the next one may well start, and a jar that cannot start
          // exits at once.
          progress.warn(label + " FAILED: " + e.getMessage());
          notRun.add(
              new NotRun(variant, false, "fault " + fault.wireName() + ": " + e.getMessage(), ""));
        } catch (Exception e) {
          progress.warn(label + " FAILED: " + e);
          notRun.add(
              new NotRun(
                  variant,
                  false,
                  "fault " + fault.wireName() + ": " + e,
                  "see " + rig.logFile(variant, fault)));
        } finally {
          testbed.setLatency(Duration.ZERO, Duration.ZERO);
        }
      }
    }
    return new BenchReport(provenance, config, List.of(), notRun, rig.calibration(), cells);
  }

  private FaultRun runCell(Testbed testbed, Variant variant, Fault fault, String label)
      throws Exception {
    Duration deadline = config.deadline();
    FaultPhases load = config.faultLoad();
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    Path log = rig.logFile(variant, fault);
    progress.phase(
        label,
        "starting "
            + variant.wireName()
            + " with a deadline of "
            + Millis.format(deadline.toMillis())
            + " (log: "
            + log
            + ")");
    try (var process = VariantProcess.start(rig.launch(testbed, variant), log);
        var client =
            new RequestClient(process.baseUrl(), config.concurrency(), config.requestTimeout())) {
      Limits limits = process.awaitReady(config.startupTimeout());
      ClosedLoop warmup = config.warmupWorkload();
      if (warmup != null) {
        progress.phase(label, "warming up, " + warmup.requests() + " requests at no latency");
        warmup.run(client, DogPaths.ROOT, done -> {});
      }
      testbed.clearBilling();
      rig.injectLatency(testbed, config.latency());
      progress.phase(label, "measuring, " + load.describe() + "; " + fault.description());
      FaultPhases.Result result =
          load.run(
              client, DogPaths.ROOT, fault, () -> fault.injectInto(testbed, deadline), done -> {});

      progress.phase(label, "waiting for idle pools, then one request");
      HealthWait idle =
          HealthWait.await(process::load, HealthWait.idle(limits.dbPool()), HealthWait.TIMEOUT);
      Sample afterRecovery =
          client
              .get(DogPaths.ROOT)
              .map(
                  exchange ->
                      exchange.toSample(
                          result.samples().size(), exchange.issuedNanos(), exchange.issuedNanos()))
              .block();
      var everything = new ArrayList<>(result.samples());
      everything.add(afterRecovery);
      BillingCheck billing = rig.reconcile(testbed, process, label, everything);
      progress.phase(label, "stopping");
      var run =
          new FaultRun(
              variant,
              fault,
              limits,
              deadline,
              load,
              result.samples(),
              result.injectedNanos(),
              result.healedNanos(),
              idle,
              afterRecovery,
              billing);
      if (!run.passed()) {
        progress.warn(FaultMatrix.of(List.of(run)).failureLines().getFirst());
      }
      return run;
    }
  }
}
