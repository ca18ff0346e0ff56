package dev.caas.harness;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.testbed.Fault;
import dev.caas.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault matrix's runs ({@link Scenario#FAULTS}): for each variant and each fault, a fresh JVM
 * started with the short deadline, warmed up, then a {@link FaultLoad} at the scenario's latency
 * with the fault injected at a third and healed at two thirds. After the load: wait for the pools
 * to be idle, send one request that must be a 200, wait for compensations and reconcile the
 * billing. Each cell gets its own JVM so that what one fault leaves behind cannot be blamed on the
 * next.
 */
final class FaultBench {
  private final Bench bench;
  private final BenchConfig config;
  private final Progress progress;

  FaultBench(Bench bench, BenchConfig config, Progress progress) {
    this.bench = bench;
    this.config = config;
    this.progress = progress;
  }

  BenchReport measure(Testbed testbed, List<Variant> variants, List<NotRun> alreadyNotRun) {
    var provenance =
        bench.provenance(testbed.backends().postgres(), testbed.backends().toxiproxy());
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
                  "see " + logFile(variant, fault)));
        } finally {
          testbed.setLatency(Duration.ZERO, Duration.ZERO);
        }
      }
    }
    return new BenchReport(provenance, config, List.of(), notRun, bench.calibration(), cells);
  }

  /**
   * One log per cell, so that the matrix's verdicts can all be traced to what the variant printed.
   */
  private Path logFile(Variant variant, Fault fault) {
    Path variantLog = bench.logFile(variant);
    return variantLog.resolveSibling(variant.wireName() + "-" + fault.wireName() + ".log");
  }

  private FaultRun runCell(Testbed testbed, Variant variant, Fault fault, String label)
      throws Exception {
    Duration deadline = config.effectiveDeadline();
    FaultLoad load = config.faultLoad();
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    Path log = logFile(variant, fault);
    progress.phase(
        label,
        "starting "
            + variant.wireName()
            + " with a deadline of "
            + Times.format(deadline.toMillis())
            + " (log: "
            + log
            + ")");
    try (var process = VariantProcess.start(bench.launch(testbed, variant), log);
        var client =
            new LoadClient(
                process.baseUrl(), config.concurrency(), config.effectiveRequestTimeout())) {
      Limits limits = process.awaitReady(config.startupTimeout());
      ClosedLoop warmup = config.warmupWorkload();
      if (warmup != null) {
        progress.phase(label, "warming up, " + warmup.requests() + " requests at no latency");
        warmup.run(client, DogPaths.ROOT, done -> {});
      }
      testbed.clearBilling();
      Bench.injectLatency(testbed, config.latency());
      progress.phase(label, "measuring, " + load.describe() + "; " + fault.description());
      FaultLoad.Result result =
          load.run(client, DogPaths.ROOT, () -> fault.injectInto(testbed, deadline), done -> {});

      progress.phase(label, "waiting for idle pools, then one request");
      Settled idle = Settled.await(process::load, Settled.idle(limits.dbPool()), Settled.TIMEOUT);
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
      BillingCheck billing = bench.reconcile(testbed, process, label, everything);
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
