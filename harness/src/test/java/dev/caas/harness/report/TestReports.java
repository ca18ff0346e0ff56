package dev.caas.harness.report;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.faults.FaultMatrixTest;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.testbed.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Made-up bench reports of whole scenarios, for the report writers' tests. */
public final class TestReports {
  private TestReports() {}

  /** The talk for sync-sequential and sync-gathered, 300 and 200 ms. */
  public static BenchReport talk() {
    BenchConfig config =
        BenchConfig.builder().variants(Variant.SYNC_SEQUENTIAL, Variant.SYNC_GATHERED).build();
    ScenarioPoint point = config.points().getFirst();
    var runs =
        List.of(
            TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 300), point, 1),
            TestRuns.run(Variant.SYNC_GATHERED, gathered(90), point, 1));
    return new BenchReport(TestRuns.provenance(), config, runs, List.of(), Optional.empty());
  }

  /** A fault matrix of one fault, upstream down, against sync-gathered and loom-gathered. */
  public static BenchReport faults() {
    return FaultMatrixTest.report(
        List.of(
            FaultMatrixTest.cell(
                Fault.UPSTREAM_DOWN,
                Variant.SYNC_GATHERED,
                FaultMatrixTest.deadlineErrors(503, "upstream", 20)),
            FaultMatrixTest.cell(
                Fault.UPSTREAM_DOWN,
                Variant.LOOM_GATHERED,
                FaultMatrixTest.deadlineErrors(503, "billing", 20))));
  }

  /**
   * A concurrency sweep C = 1, 10, 100 of two variants, twice each, latencies growing past the
   * thread limit.
   */
  public static BenchReport sweep(Optional<Calibration> calibration) {
    BenchConfig config = sweepTwice(Variant.SYNC_SEQUENTIAL, Variant.LOOM_SEQUENTIAL);
    var runs = new ArrayList<RunResult>();
    for (int repetition = 1; repetition <= 2; repetition++) {
      for (ScenarioPoint point : config.points()) {
        int c = point.concurrency();
        runs.add(
            TestRuns.run(
                Variant.SYNC_SEQUENTIAL,
                TestRuns.lognormal(
                    repetition * 10 + c,
                    point.workload().requests(),
                    c <= 32 ? 100 : 100.0 * c / 32),
                point,
                repetition));
        runs.add(
            TestRuns.run(
                Variant.LOOM_SEQUENTIAL,
                TestRuns.lognormal(repetition * 20 + c, point.workload().requests(), 100),
                point,
                repetition));
      }
    }
    return new BenchReport(
        TestRuns.provenance(),
        config,
        runs,
        List.of(
            new NotRun(
                Variant.REACTIVE_GATHERED,
                true,
                "no jar at reactive-impl/target/x.jar",
                "build it")),
        calibration);
  }

  /** The configuration of a concurrency sweep C = 1, 10, 100 of these variants, twice each. */
  public static BenchConfig sweepTwice(Variant... variants) {
    return BenchConfig.builder()
        .variants(variants)
        .scenario(Scenario.CONCURRENCY_SWEEP)
        .concurrencies(List.of(1, 10, 100))
        .repeat(2)
        .build();
  }

  /** A calibration of the generator made on the same made-up machine. */
  public static Calibration calibration() {
    return new Calibration(
        "2026-11-25T10:00:00+01:00",
        "abc1234",
        2,
        "25",
        64,
        5_000,
        20_000,
        50,
        1000,
        1_500,
        1_900,
        1_060,
        1_650,
        "wrk 4.1.0");
  }

  private static List<Sample> gathered(int count) {
    var samples = new ArrayList<Sample>();
    for (Sample s : TestRuns.samples(count, 200)) {
      samples.add(
          new Sample(
              s.index(),
              s.intendedStartNanos(),
              s.startNanos(),
              s.endNanos(),
              s.status(),
              s.bytes(),
              s.filename(),
              "upstream;start=0.0;dur=100.2, billing;start=100.4;dur=100.1, name;start=100.5;dur=99.8, total;dur=200.6",
              null));
    }
    return samples;
  }
}
