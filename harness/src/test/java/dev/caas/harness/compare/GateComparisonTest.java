package dev.caas.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B gate's verdicts on made-up runs, so each is known in advance: a build that costs more
 * CPU, one whose every request is slower, the same build twice, and a run that met a stall.
 */
class GateComparisonTest {
  private static final int CLIENTS = 4;
  private static final double THEORY_MS = 30;

  @Test
  void a_millisecond_more_cpu_per_request_is_slower_and_said_in_words() {
    List<GateRun> runs = abRuns(1.0, 1.0);

    GateComparison gate = GateComparison.of("sync-sequential", runs, Comparison.Settings.DEFAULT);

    assertThat(gate.regressed()).isTrue();
    assertThat(gate.rows(Verdict.SLOWER))
        .extracting(GateComparison.Row::metric)
        .containsExactly(GateMetric.CPU);
    assertThat(gate.whatChanged()).isEqualTo("+1.00 ms CPU per request in the variant");
  }

  @Test
  void every_request_a_fifth_slower_is_slower_above_the_theory_and_in_the_tail() {
    List<GateRun> runs = abRuns(1.2, 0);

    GateComparison gate = GateComparison.of("sync-sequential", runs, Comparison.Settings.DEFAULT);

    assertThat(gate.rows(Verdict.SLOWER))
        .extracting(GateComparison.Row::metric)
        .contains(GateMetric.OVERHEAD, GateMetric.TAIL, GateMetric.SATURATION);
    assertThat(gate.whatChanged()).containsPattern("throughput at saturation −1[6-8] %");
  }

  @Test
  void the_same_build_twice_is_the_same_on_every_metric() {
    List<GateRun> runs = abRuns(1.0, 0);

    GateComparison gate = GateComparison.of("sync-sequential", runs, Comparison.Settings.DEFAULT);

    assertThat(gate.rows()).hasSize(GateMetric.values().length);
    assertThat(gate.rows()).allMatch(row -> row.verdict() == Verdict.SAME);
    assertThat(gate.whatChanged()).isEqualTo("no change beyond the noise");
  }

  @Test
  void a_stall_that_delayed_a_run_of_requests_is_not_a_regression_of_the_tail() {
    // Two runs per build, as the gate runs them (one run of 300 is too few for a p99 to be judged).
    List<GateRun> runs =
        List.of(
            run(GateRun.BASE, 1, 1.0, 3.6),
            stalled(run(GateRun.HEAD, 1, 1.0, 3.6)),
            run(GateRun.HEAD, 2, 1.0, 3.6),
            run(GateRun.BASE, 2, 1.0, 3.6));

    GateComparison gate = GateComparison.of("sync-sequential", runs, Comparison.Settings.DEFAULT);

    GateComparison.Row tail = row(gate, GateMetric.TAIL);
    assertThat(tail.ratio()).as("the stall is the head's p99").isGreaterThan(1.5);
    assertThat(tail.verdict()).as(tail.toString()).isEqualTo(Verdict.SAME);
  }

  @Test
  void drawn_one_by_one_the_same_stall_would_look_like_a_slower_tail() {
    var base = new RunSamples("", "", List.of(run(GateRun.BASE, 1, 1.0, 3.6).openLoop()));
    var stalled =
        new RunSamples("", "", List.of(stalled(run(GateRun.HEAD, 1, 1.0, 3.6)).openLoop()));

    Bootstrap.Interval inBlocks = p99Interval(base, stalled, GateComparison.tailBlock(stalled));
    Bootstrap.Interval oneByOne = p99Interval(base, stalled, 1);

    assertThat(GateComparison.tailBlock(stalled)).isEqualTo(7);
    assertThat(Verdict.of(false, oneByOne.low(), oneByOne.high(), 0.05)).isEqualTo(Verdict.SLOWER);
    assertThat(Verdict.of(false, inBlocks.low(), inBlocks.high(), 0.05)).isEqualTo(Verdict.SAME);
  }

  @Test
  void a_metric_one_build_could_not_measure_is_named_and_not_judged() {
    var runs = new ArrayList<GateRun>();
    runs.add(run(GateRun.BASE, 1, 1.0, 3.6));
    GateRun head = run(GateRun.HEAD, 1, 1.0, 3.6);
    runs.add(copy(head, head.openLoop(), Double.NaN));

    GateComparison gate = GateComparison.of("sync-sequential", runs, Comparison.Settings.DEFAULT);

    assertThat(gate.rows())
        .extracting(GateComparison.Row::metric)
        .doesNotContain(GateMetric.ALLOCATION);
    assertThat(gate.notes())
        .contains("allocated per request: not measured in every run, not judged");
  }

  @Test
  void a_comparison_needs_both_builds() {
    assertThatThrownBy(
            () ->
                GateComparison.of(
                    "sync-sequential",
                    List.of(run(GateRun.BASE, 1, 1.0, 3.6)),
                    Comparison.Settings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("head has 0");
  }

  @Test
  void the_report_has_a_row_per_metric_and_a_chart_of_every_run(@TempDir Path folder)
      throws Exception {
    List<GateRun> runs = abRuns(1.0, 1.0);
    var file = new GateFile("sync-sequential", Map.of("plan", "short"), runs);
    file.write(folder.resolve("ab.json"));
    GateFile read = GateFile.read(folder.resolve("ab.json"));
    GateComparison gate =
        GateComparison.of(read.variant(), read.runs(), Comparison.Settings.DEFAULT);

    String markdown = GateWriter.markdown(read, gate, "gate.svg");
    String svg = GateWriter.svg(read, gate);

    assertThat(read.runs()).isEqualTo(runs);
    assertThat(markdown)
        .startsWith("## caas ab: regression in sync-sequential\n")
        .contains("**What changed**: +1.00 ms CPU per request in the variant.")
        .containsPattern(
            "\\| CPU per request \\| .* \\| 3\\.60 ms \\| 4\\.60 ms \\| 1\\.278 \\| .* \\| \\*\\*slower\\*\\* \\|")
        .contains("![every run's figure, base and head](gate.svg)");
    var document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getElementsByTagName("circle").getLength())
        .isEqualTo(runs.size() * GateMetric.values().length);
  }

  @Test
  void compare_ab_judges_a_saved_run_again_and_exits_with_one_on_a_regression(@TempDir Path folder)
      throws Exception {
    List<GateRun> runs = abRuns(1.0, 1.0);
    Path file = folder.resolve("ab.json");
    new GateFile("sync-sequential", Map.of(), runs).write(file);
    var out = new java.io.StringWriter();
    var commandLine = new picocli.CommandLine(new CompareCommand());
    commandLine.setOut(new java.io.PrintWriter(out, true));

    int regressed = commandLine.execute("--ab", file.toString(), "--out", folder.toString());
    int tolerant = commandLine.execute("--ab", file.toString(), "--threshold", "0.5");
    int both = commandLine.execute("--ab", file.toString(), "--baseline", file.toString());

    assertThat(regressed).isEqualTo(1);
    assertThat(tolerant).isZero();
    assertThat(both).isEqualTo(2);
    assertThat(folder.resolve("gate.md")).content().contains("**slower**");
    assertThat(folder.resolve("gate-sync-sequential.svg")).exists();
  }

  /**
   * Two JVMs per build in turns: the head's requests {@code headSlowdown} times the base's, and
   * {@code headExtraCpuMs} more CPU per request; each build's two runs 0.1 ms apart in CPU.
   */
  private static List<GateRun> abRuns(double headSlowdown, double headExtraCpuMs) {
    var runs = new ArrayList<GateRun>();
    for (int r = 1; r <= 2; r++) {
      double noise = r == 1 ? -0.05 : 0.05;
      runs.add(run(GateRun.BASE, r, 1.0, 3.6 + noise));
      runs.add(run(GateRun.HEAD, r, headSlowdown, 3.6 - noise + headExtraCpuMs));
    }
    return runs;
  }

  private static Bootstrap.Interval p99Interval(RunSamples base, RunSamples head, int block) {
    var random = new SplittableRandom(7);
    double[] was = p99s(Bootstrap.resample(base, block, 2000, random));
    double[] is = p99s(Bootstrap.resample(head, block, 2000, random));
    return Bootstrap.ratioInterval(was, is, 0.95);
  }

  private static double[] p99s(Estimate[] estimates) {
    return java.util.Arrays.stream(estimates).mapToDouble(Estimate::p99Ms).toArray();
  }

  private static GateComparison.Row row(GateComparison gate, GateMetric metric) {
    return gate.rows().stream().filter(r -> r.metric() == metric).findFirst().orElseThrow();
  }

  /**
   * A run of made-up requests: latencies log-normal with a 10 % spread, every one of them {@code
   * slowdown} times the base's, and CPU per request as given. The seed is the repetition's, so two
   * builds at the same slowdown draw the same latencies, as if nothing but the code differed.
   */
  private static GateRun run(String build, int repetition, double slowdown, double cpuMs) {
    var random = new Random(repetition);
    double[] saturation = latencies(random, 300, 20 * slowdown);
    double[] atLatency = latencies(random, 200, 5 * slowdown);
    for (int i = 0; i < atLatency.length; i++) {
      // Microseconds, as the A/B file keeps them.
      atLatency[i] = Math.round((atLatency[i] + THEORY_MS) * 1000) / 1000.0;
    }
    double[] openLoop = latencies(random, 300, 8 * slowdown);
    double[] upstream = latencies(random, 200, 2 * slowdown);
    return new GateRun(
        build,
        repetition,
        new RunSamples.Repetition(saturation, sum(saturation) / 16, saturation.length),
        new RunSamples.Repetition(atLatency, sum(atLatency) / CLIENTS, atLatency.length),
        THEORY_MS,
        CLIENTS,
        Map.of("upstream", upstream, "billing", upstream, "name", upstream),
        new RunSamples.Repetition(openLoop, openLoop.length * 10.0, openLoop.length),
        cpuMs,
        258_000);
  }

  /** The same run, but twelve requests in a row of its open loop met a 60 ms pause. */
  private static GateRun stalled(GateRun run) {
    double[] openLoop = run.openLoop().okLatenciesMs();
    for (int i = 150; i < 162; i++) {
      openLoop[i] += 60;
    }
    return copy(
        run,
        new RunSamples.Repetition(openLoop, run.openLoop().durationMs(), openLoop.length),
        run.allocatedBytesPerRequest());
  }

  /** The same run with another open loop and another allocation figure. */
  private static GateRun copy(GateRun run, RunSamples.Repetition openLoop, double allocated) {
    return new GateRun(
        run.build(),
        run.repetition(),
        run.saturation(),
        run.atLatency(),
        run.theoryMs(),
        run.clientsAtLatency(),
        run.stepExcessMs(),
        openLoop,
        run.cpuMsPerRequest(),
        allocated);
  }

  private static double[] latencies(Random random, int count, double medianMs) {
    double[] latencies = new double[count];
    for (int i = 0; i < count; i++) {
      // Microseconds, as the A/B file keeps them.
      latencies[i] = Math.round(medianMs * Math.exp(0.1 * random.nextGaussian()) * 1000) / 1000.0;
    }
    return latencies;
  }

  private static double sum(double[] values) {
    return java.util.Arrays.stream(values).sum();
  }
}
