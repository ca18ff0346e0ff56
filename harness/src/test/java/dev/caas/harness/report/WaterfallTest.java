package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaterfallTest {
  private static final ScenarioPoint TALK = BenchConfig.builder().build().points().getFirst();

  @Test
  void the_median_request_is_drawn_from_its_server_timing() {
    var samples = new ArrayList<Sample>();
    samples.add(
        timed(
            0,
            250,
            "upstream;start=0.0;dur=90.0, billing;start=90.5;dur=80.0, name;start=171.0;dur=70.0, total;dur=242.0"));
    samples.add(
        timed(
            1,
            310,
            "upstream;start=0.0;dur=100.4, billing;start=100.6;dur=100.9, name;start=201.6;dur=101.2, total;dur=303.0"));
    samples.add(
        timed(
            2,
            400,
            "upstream;start=0.0;dur=190.0, billing;start=190.5;dur=100.0, name;start=291.0;dur=100.0, total;dur=392.0"));

    Waterfall waterfall =
        Waterfall.of(TestRuns.run(Variant.SYNC_SEQUENTIAL, samples, TALK, 1)).orElseThrow();

    assertThat(waterfall.clientMs()).isEqualTo(310);
    assertThat(waterfall.totalMs()).isEqualTo(303);
    assertThat(waterfall.steps())
        .extracting(step -> step.name())
        .containsExactly("upstream", "billing", "name");
    assertThat(waterfall.steps().get(1).startMs()).isEqualTo(100.6);
    assertThat(waterfall.spanMs()).isEqualTo(310);
  }

  @Test
  void sequential_is_a_staircase_and_gathered_runs_two_steps_side_by_side() {
    Waterfall sequential =
        waterfall(
            Variant.SYNC_SEQUENTIAL,
            "upstream;start=0.0;dur=100.0, billing;start=100.0;dur=100.0, name;start=200.0;dur=100.0, total;dur=300.0");
    Waterfall gathered =
        waterfall(
            Variant.SYNC_GATHERED,
            "upstream;start=0.0;dur=100.0, billing;start=100.0;dur=100.0, name;start=100.0;dur=100.0, total;dur=200.0");

    List<String> seq = sequential.toText(300);
    List<String> gat = gathered.toText(300);

    String full = "█".repeat(16);
    assertThat(seq.get(1)).startsWith("  upstream " + full + "░".repeat(32));
    assertThat(seq.get(2)).startsWith("  billing  " + "░".repeat(16) + full + "░".repeat(16));
    assertThat(seq.get(3)).startsWith("  name     " + "░".repeat(32) + full);
    assertThat(gat.get(2)).startsWith("  billing  " + "░".repeat(16) + full + "░".repeat(16));
    assertThat(gat.get(3)).startsWith("  name     " + "░".repeat(16) + full + "░".repeat(16));
    assertThat(gat.get(4))
        .startsWith("  total    " + "█".repeat(32) + "░".repeat(16))
        .endsWith("200 ms");
  }

  @Test
  void a_run_without_server_timing_has_no_waterfall() {
    var samples =
        List.of(
            new Sample(0, 0, 0, 1_000_000, 200, 1, "a.jpg", null, null),
            new Sample(1, 0, 0, 1_000_000, 200, 1, "a.jpg", "total;dur=1.0", null));

    assertThat(Waterfall.of(TestRuns.run(Variant.LOOM_GATHERED, samples, TALK, 1))).isEmpty();
  }

  private static Waterfall waterfall(Variant variant, String serverTiming) {
    return Waterfall.of(TestRuns.run(variant, List.of(timed(0, 300, serverTiming)), TALK, 1))
        .orElseThrow();
  }

  private static Sample timed(int index, double latencyMs, String serverTiming) {
    return new Sample(index, 0, 0, (long) (latencyMs * 1e6), 200, 100, "a.jpg", serverTiming, null);
  }
}
