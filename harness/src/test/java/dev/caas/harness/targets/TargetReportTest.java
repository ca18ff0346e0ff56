package dev.caas.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Variant;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.ScenarioPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets' table, from made-up runs: no target, no testbed, no network. */
class TargetReportTest {

  @Test
  void the_latency_column_names_the_upstreams_and_the_databases_as_the_variants_table_does(
      @TempDir Path folder) throws Exception {
    var latency =
        new InjectedLatency(Duration.ofMillis(100), Duration.ZERO, Duration.ZERO, Duration.ZERO);
    var point = new ScenarioPoint(0, latency, new ClosedLoop(10, 90));
    var run =
        new TargetRun(
            Target.parse("http://198.18.0.2:8080=flask-sequential"),
            Composition.SEQUENTIAL,
            null,
            TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 120), point, 1));

    String expected = "upstream 100 ms, postgres 0.0 ms";
    assertThat(TargetReport.text(List.of(run))).contains(expected);
    assertThat(TargetReport.markdown(List.of(run))).contains("| " + expected + " |");
    Path json = folder.resolve("targets.json");
    TargetReport.writeJson(List.of(run), json);
    assertThat(new ObjectMapper().readTree(json.toFile()).path("targets").get(0).path("latency"))
        .hasToString("\"" + expected + "\"");
  }
}
