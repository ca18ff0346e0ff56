package dev.caas.harness.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.compare.Comparison;
import dev.caas.harness.compare.GateComparison;
import dev.caas.harness.compare.GateMetric;
import dev.caas.harness.compare.GateRun;
import dev.caas.harness.compare.Verdict;
import dev.caas.harness.text.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate end to end on real processes, kept to a few seconds: {@link SpinServers} stand in for
 * the variant (a JVM per run, burning 2 ms of CPU per request), and the head is the same server
 * with the test-only extra CPU that {@code --extra-cpu} gives a variant. Every run is labelled with
 * its build; the spin is flagged on CPU per request, and the same build against itself is not.
 */
class AbRunnerTest {
  private static final AbPlan SHORT =
      new AbPlan(3, 30, 4, 150, Duration.ofMillis(5), 2, 16, 150, 30);
  private static final Path NO_JARS = Path.of("unused");

  @Test
  void a_head_that_burns_two_milliseconds_more_per_request_is_flagged() throws Exception {
    List<GateRun> runs = run(Duration.ofMillis(2));

    assertThat(runs)
        .extracting(GateRun::build)
        .containsExactly("base", "head", "head", "base", "base", "head");
    assertThat(runs).extracting(GateRun::repetition).containsExactly(1, 1, 2, 2, 3, 3);
    GateComparison gate = GateComparison.of("spin", runs, Comparison.Settings.DEFAULT);
    assertThat(gate.regressed()).as(gate.rows().toString()).isTrue();
    assertThat(row(gate, GateMetric.CPU).verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(gate.whatChanged()).contains("CPU per request in the variant");
  }

  @Test
  void the_same_build_against_itself_is_not_flagged() throws Exception {
    List<GateRun> runs = run(Duration.ZERO);

    GateComparison gate = GateComparison.of("spin", runs, Comparison.Settings.DEFAULT);
    assertThat(gate.rows(Verdict.SLOWER)).as(gate.rows().toString()).isEmpty();
    assertThat(row(gate, GateMetric.CPU).ratio()).isBetween(0.8, 1.25);
  }

  private static List<GateRun> run(Duration headExtraCpu) throws Exception {
    try (var target = new SpinServers(Duration.ofMillis(2))) {
      return new AbRunner(target, SHORT, Progress.SILENT)
          .run(
              new Build(GateRun.BASE, NO_JARS, Duration.ZERO),
              new Build(GateRun.HEAD, NO_JARS, headExtraCpu));
    }
  }

  private static GateComparison.Row row(GateComparison gate, GateMetric metric) {
    return gate.rows().stream().filter(r -> r.metric() == metric).findFirst().orElseThrow();
  }
}
