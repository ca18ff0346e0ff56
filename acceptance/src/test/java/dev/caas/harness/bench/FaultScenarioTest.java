package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.contract.Variant;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.report.ReportFiles;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Fault;
import dev.caas.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real cell of the fault matrix, end to end, as {@code caas bench --fault postgres-down
 * --variant loom-gathered} runs it: the variant's jar as its own JVM with a 1 s deadline, the
 * database proxy disabled a third into a 3.6 s run and enabled again at two thirds, then the wait
 * for idle pools, one request, the wait for compensations and the reconciliation. About 20 s with
 * the testbed's start. Skipped, with the command that builds it, when the jar is not there.
 *
 * <p>This tests the harness: that the cell is measured whole (requests before, during and after the
 * fault), that the waits let the variant recover and undo failed requests' billing before the
 * ledger is read, and that the verdict follows from the measurements. Whether the variant answers
 * every error by the deadline is its own fault tests' question (the matrix prints the answer; this
 * test does not fail on it).
 */
class FaultScenarioTest {
  private static final Variant VARIANT = Variant.LOOM_GATHERED;

  @Test
  void the_database_down_mid_run_then_restored_is_answered_in_time_and_leaves_nothing_behind(
      @TempDir Path out) throws Exception {
    var jars = VariantJars.locate(null, Map.of(), Path.of("").toAbsolutePath());
    assumeTrue(
        Files.isRegularFile(jars.jarFor(VARIANT)),
        "no "
            + VARIANT.wireName()
            + " jar at "
            + jars.jarFor(VARIANT)
            + "; build it with "
            + jars.buildCommand(VARIANT));
    BenchConfig config =
        BenchConfig.builder()
            .variants(VARIANT)
            .requireJars(true)
            .faults(Fault.POSTGRES_DOWN)
            .warmup(40)
            .build();
    BenchReport report;
    try (var testbed = Testbed.start()) {
      report = new Bench(config, jars, Progress.SILENT).run(testbed);
    }
    System.out.println(ReportWriter.text(report));
    ReportFiles.write(report, out);

    assertThat(report.notRun()).isEmpty();
    assertThat(report.faultRuns()).hasSize(1);
    FaultRun cell = report.faultRuns().getFirst();
    var phases = cell.phases();
    assertThat(phases.get(FaultPhases.Phase.BEFORE))
        .as("requests, errors before")
        .satisfies(
            counts -> {
              assertThat(counts[0]).isPositive();
              assertThat(counts[1]).isZero();
            });
    assertThat(phases.get(FaultPhases.Phase.DURING)[1])
        .as("errors while the database was down")
        .isPositive();
    assertThat(phases.get(FaultPhases.Phase.AFTER)[0])
        .as("requests after it came back")
        .isPositive();
    assertThat(cell.errorKinds().keySet())
        .as("errors")
        .allMatch(kind -> kind.matches("50[34] (billing|name)"));
    assertThat(cell.idle().failed()).as("pools idle: " + cell.idle().describe()).isFalse();
    assertThat(cell.afterRecovery().status()).as("first request after recovery").isEqualTo(200);
    assertThat(cell.billing().balanced()).as(cell.billing().describeMismatches()).isTrue();
    var tags = cell.problems().stream().map(FaultRun.Problem::tag).toList();
    assertThat(tags.contains("slow"))
        .as("slow iff an error took over " + cell.timeToFailLimitMs() + " ms")
        .isEqualTo(cell.timeToFailMaxMs() > cell.timeToFailLimitMs());
    assertThat(report.passed()).isEqualTo(cell.problems().isEmpty());
    assertThat(out.resolve("results.md"))
        .content()
        .contains("## Fault matrix", "| postgres-down | " + FaultMatrix.verdict(cell) + " |");
    assertThat(out.resolve("results.json")).content().contains("\"faults\"", "\"cells\"");
  }
}
