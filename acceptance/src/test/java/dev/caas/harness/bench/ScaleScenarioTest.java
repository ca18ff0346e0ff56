package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.cost.CostComparison;
import dev.caas.harness.cost.PlateauSample;
import dev.caas.harness.cost.VariantWaitingCost;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scale scenario in small: Loom at 200 and at 1,000 requests in flight, on a short upstream
 * latency, with a third point of 40,000 that the rig cannot hold. The bench must refuse that point
 * before it starts, with the budget's arithmetic, and run the two others; at each it samples the
 * variant while the clients wait, and the heap grows with the requests in flight as the model says
 * a parked virtual thread and its I/O state cost, within the comparison's stated tolerance (neither
 * figure more than twice the other, {@link CostComparison}).
 */
class ScaleScenarioTest {
  private static final Duration L = Duration.ofSeconds(1);

  @Test
  void
      loom_holds_each_waiting_request_in_the_heap_it_predicts_and_a_point_that_cannot_fit_is_refused()
          throws Exception {
    BenchConfig config =
        BenchConfig.builder()
            .variants(Variant.LOOM_GATHERED)
            .requireJars(true)
            .scenario(Scenario.SCALE)
            .concurrencies(List.of(200, 1_000, 40_000))
            .upstreamLatency(L)
            // the RSS slope is not asserted here: pre-touching the pinned heap costs seconds
            .jvmArgs(List.of("-XX:-AlwaysPreTouch"))
            // a shared machine under load has taken over a minute to start a variant
            .startupTimeout(Duration.ofMinutes(3))
            .build();
    var jars = VariantJars.locate(null, Map.of(), Path.of("").toAbsolutePath());
    BenchReport report;
    try (var testbed = Testbed.start()) {
      report = new Bench(config, jars, Progress.SILENT).run(testbed);
    }

    assertThat(report.notRun())
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(refused.skipped()).as(refused.reason()).isTrue();
              assertThat(refused.reason())
                  .contains("C=40000", "refused before it started", "does not fit", "open files");
            });
    assertThat(report.runs())
        .hasSize(2)
        .allSatisfy(run -> assertThat(run.passed()).as(run.point().describe()).isTrue())
        .allSatisfy(run -> assertThat(run.costs()).isPresent());
    List<PlateauSample> samples =
        report.runs().stream()
            .map(run -> run.costs().orElseThrow().plateau().orElseThrow())
            .toList();
    assertThat(samples.getLast().requestsInFlight())
        .isGreaterThan(samples.getFirst().requestsInFlight());

    VariantWaitingCost cost =
        VariantWaitingCost.of(
                "loom-gathered",
                samples,
                report
                    .runs()
                    .getFirst()
                    .costs()
                    .orElseThrow()
                    .window()
                    .variantJvm()
                    .orElseThrow()
                    .flags())
            .orElseThrow();
    assertThat(cost.heap().measured().slope()).as(cost.heap().explanation()).isPositive();
    // within the model's stated tolerance: a factor of two either way
    assertThat(cost.heap().gapOverTwice()).as(cost.heap().explanation()).isFalse();
  }
}
