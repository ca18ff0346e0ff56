package dev.caas.harness.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.Bench;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.load.Sample;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Fault;
import dev.caas.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code client-abort} cell, for real, against one variant of each model: as {@code caas bench
 * --fault client-abort --variant sync-gathered,reactive-gathered,loom-gathered} runs it, each
 * variant its own JVM with a 1 s deadline, 4 clients for 3 × 1.2 s, two of them leaving right after
 * sending while the fault lasts. About 15 s per variant with the testbed's start. A variant whose
 * jar is not built is skipped, with the command that builds it.
 *
 * <p>This is the fault's whole promise: no error answer, clients that did leave (FIN and RST
 * alike), pools idle after, a 200 after recovery, and billed exactly the photos delivered whole.
 */
class ClientAbortCellTest {
  private static final List<Variant> ONE_OF_EACH_MODEL =
      List.of(Variant.SYNC_GATHERED, Variant.REACTIVE_GATHERED, Variant.LOOM_GATHERED);

  @Test
  void clients_that_leave_mid_run_are_not_billed_in_any_model_and_the_cell_passes()
      throws Exception {
    var jars = VariantJars.locate(null, Map.of(), Path.of("").toAbsolutePath());
    var built =
        ONE_OF_EACH_MODEL.stream().filter(v -> Files.isRegularFile(jars.jarFor(v))).toList();
    assumeTrue(
        built.size() == ONE_OF_EACH_MODEL.size(),
        "not every model's jar is built; build them with "
            + ONE_OF_EACH_MODEL.stream().map(jars::buildCommand).toList());
    BenchConfig config =
        BenchConfig.builder()
            .variants(built)
            .requireJars(true)
            .faults(Fault.CLIENT_ABORT)
            .warmup(40)
            // Spring Boot took a minute to start on this project's shared 2-core machine.
            .startupTimeout(Duration.ofMinutes(3))
            .build();
    BenchReport report;
    try (var testbed = Testbed.start()) {
      report = new Bench(config, jars, Progress.SILENT).run(testbed);
    }
    System.out.println(ReportWriter.text(report));

    assertThat(report.notRun()).isEmpty();
    assertThat(report.faultRuns()).extracting(FaultRun::variant).containsExactlyElementsOf(built);
    for (FaultRun cell : report.faultRuns()) {
      String label = cell.label();
      assertThat(cell.left())
          .as("%s: clients that left while the fault lasted", label)
          .isNotEmpty()
          .allMatch(
              s ->
                  FaultPhases.Phase.of(s, cell.injectedNanos(), cell.healedNanos())
                      == FaultPhases.Phase.DURING);
      assertThat(cell.left())
          .extracting(Sample::error)
          .as("%s: ways of leaving", label)
          .contains("left before the answer (FIN)", "left before the answer (RST)");
      assertThat(cell.errors()).as("%s: error answers", label).isEmpty();
      assertThat(cell.billing().served())
          .as("%s: photos delivered", label)
          .isEqualTo(cell.samples().stream().filter(Sample::ok).count() + 1);
      assertThat(cell.billing().billed())
          .as("%s: billed vs delivered (%s)", label, cell.billing().describeMismatches())
          .isEqualTo(cell.billing().served());
      assertThat(FaultMatrix.verdict(cell)).as(label).isEqualTo("pass");
    }
    assertThat(report.passed()).isTrue();
  }
}
