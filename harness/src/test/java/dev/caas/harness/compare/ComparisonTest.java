package dev.caas.harness.compare;

import static dev.caas.harness.compare.BenchFiles.closedLoop;
import static dev.caas.harness.compare.BenchFiles.latencies;
import static dev.caas.harness.compare.BenchFiles.scaled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  private static final Variant VARIANT = Variant.SYNC_SEQUENTIAL;

  @TempDir Path folder;

  @Test
  void thirty_percent_more_latency_is_slower_on_every_metric() throws IOException {
    double[] before = latencies(1, 90, 300);

    Comparison comparison = compare(before, scaled(latencies(2, 90, 300), 1.3));

    assertThat(comparison.rows()).extracting(Comparison.Row::verdict).containsOnly(Verdict.SLOWER);
    assertThat(comparison.regressed()).isTrue();
    Comparison.Row median = row(comparison, Metric.MEDIAN);
    assertThat(median.ratio()).isBetween(1.2, 1.4);
    assertThat(median.low()).isGreaterThan(1.05).isLessThan(median.ratio());
    assertThat(median.high()).isGreaterThan(median.ratio());
    assertThat(median.pValue()).isLessThan(0.001);
    assertThat(row(comparison, Metric.THROUGHPUT).ratio()).isBetween(1 / 1.4, 1 / 1.2);
  }

  @Test
  void two_draws_from_the_same_distribution_are_the_same() throws IOException {
    for (long seed = 10; seed < 30; seed += 2) {
      Comparison comparison = compare(latencies(seed, 90, 300), latencies(seed + 1, 90, 300));

      assertThat(comparison.rows())
          .as("seed %d", seed)
          .extracting(Comparison.Row::verdict)
          .containsOnly(Verdict.SAME);
      assertThat(comparison.regressed()).isFalse();
      Comparison.Row median = row(comparison, Metric.MEDIAN);
      assertThat(median.low()).isLessThan(1).isGreaterThan(0.9);
      assertThat(median.high()).isGreaterThan(1).isLessThan(1.1);
    }
  }

  @Test
  void thirty_percent_less_latency_is_faster() throws IOException {
    Comparison comparison = compare(latencies(3, 90, 300), scaled(latencies(4, 90, 300), 0.7));

    assertThat(comparison.rows()).extracting(Comparison.Row::verdict).containsOnly(Verdict.FASTER);
    assertThat(comparison.regressed()).isFalse();
  }

  @Test
  void a_real_change_smaller_than_the_threshold_is_the_same() throws IOException {
    double[] before = latencies(5, 2000, 300);

    Comparison comparison = compare(before, scaled(before, 1.03));

    Comparison.Row median = row(comparison, Metric.MEDIAN);
    assertThat(median.ratio()).isCloseTo(1.03, within(0.001));
    assertThat(median.low()).isGreaterThan(1.0).isLessThan(1.05);
    assertThat(median.verdict()).isEqualTo(Verdict.SAME);
    assertThat(
            Comparison.of(
                    read("a.json"), read("b.json"), Comparison.Settings.DEFAULT.withThreshold(0.01))
                .rows())
        .extracting(Comparison.Row::verdict)
        .contains(Verdict.SLOWER);
  }

  @Test
  void the_figures_are_those_the_bench_reports() throws IOException {
    double[] before = latencies(6, 90, 300);
    BenchFiles.write(folder.resolve("a.json"), VARIANT, before);
    BenchFiles.write(folder.resolve("b.json"), VARIANT, before);
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(folder.resolve("a.json").toFile());

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    // The bench's figures come from HdrHistogram (0.1 % buckets) and are rounded; ours from the
    // samples.
    assertThat(row(comparison, Metric.MEDIAN).baseline())
        .isCloseTo(json.at("/runs/0/latency_ms/median").asDouble(), within(0.5));
    assertThat(row(comparison, Metric.P99).baseline())
        .isCloseTo(json.at("/runs/0/latency_ms/p99").asDouble(), within(0.5));
    assertThat(row(comparison, Metric.THROUGHPUT).baseline())
        .isCloseTo(json.at("/runs/0/throughput_rps").asDouble(), within(0.01));
    assertThat(comparison.rows())
        .allSatisfy(
            row -> {
              assertThat(row.ratio()).isEqualTo(1.0);
              assertThat(row.verdict()).isEqualTo(Verdict.SAME);
            });
  }

  @Test
  void the_same_files_and_seed_give_the_same_interval() throws IOException {
    Comparison first = compare(latencies(7, 90, 300), latencies(8, 90, 300));
    Comparison again = Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(again.rows()).isEqualTo(first.rows());
  }

  @Test
  void a_run_where_every_request_failed_is_slower() throws IOException {
    double[] before = latencies(9, 20, 300);
    List<Sample> broken = closedLoop(before, 10);
    for (int i = 0; i < broken.size(); i++) {
      broken = BenchFiles.failing(broken, i);
    }
    BenchFiles.write(folder.resolve("a.json"), VARIANT, before);
    BenchFiles.write(folder.resolve("b.json"), BenchFiles.talk(VARIANT), Map.of(VARIANT, broken));

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(comparison.rows()).extracting(Comparison.Row::verdict).containsOnly(Verdict.SLOWER);
    assertThat(comparison.notes())
        .anyMatch(note -> note.contains("no request succeeded in the current run"));
  }

  @Test
  void failed_requests_are_left_out_and_mentioned() throws IOException {
    double[] before = latencies(11, 90, 300);
    BenchFiles.write(folder.resolve("a.json"), VARIANT, before);
    BenchFiles.write(
        folder.resolve("b.json"),
        BenchFiles.talk(VARIANT),
        Map.of(VARIANT, BenchFiles.failing(closedLoop(before, 10), 0)));

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(comparison.current().runs().get(new ResultsFile.Key("sync-sequential", 0)).ok())
        .isEqualTo(89);
    assertThat(comparison.notes())
        .contains(
            "sync-sequential: 0 of 90 requests failed in the baseline, 1 of 90 in "
                + "the current; the figures count the successful ones");
  }

  @Test
  void only_the_variants_in_both_files_are_compared() throws IOException {
    BenchConfig both = BenchFiles.talk(Variant.SYNC_SEQUENTIAL, Variant.LOOM_GATHERED);
    var baselineRuns = new LinkedHashMap<Variant, List<Sample>>();
    baselineRuns.put(Variant.SYNC_SEQUENTIAL, closedLoop(latencies(12, 90, 300), 10));
    baselineRuns.put(Variant.LOOM_GATHERED, closedLoop(latencies(13, 90, 200), 10));
    BenchFiles.write(folder.resolve("a.json"), both, baselineRuns);
    BenchFiles.write(folder.resolve("b.json"), Variant.SYNC_SEQUENTIAL, latencies(14, 90, 300));

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(comparison.rows())
        .extracting(Comparison.Row::variant)
        .containsOnly("sync-sequential");
    assertThat(comparison.onlyInBaseline()).containsExactly("loom-gathered");
    assertThat(comparison.onlyInCurrent()).isEmpty();
  }

  @Test
  void no_variant_in_common_is_bad_input_that_names_each_sides_variants() throws IOException {
    BenchFiles.write(folder.resolve("a.json"), Variant.SYNC_SEQUENTIAL, latencies(15, 90, 300));
    BenchFiles.write(folder.resolve("b.json"), Variant.LOOM_GATHERED, latencies(16, 90, 300));

    assertThatThrownBy(
            () -> Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no variant in common")
        .hasMessageContaining("has sync-sequential")
        .hasMessageContaining("has loom-gathered");
  }

  @Test
  void different_scenarios_are_listed() throws IOException {
    double[] latencies = latencies(17, 90, 300);
    BenchFiles.write(folder.resolve("a.json"), VARIANT, latencies);
    BenchFiles.write(
        folder.resolve("b.json"),
        BenchConfig.builder().variants(VARIANT).concurrency(20).build(),
        Map.of(VARIANT, closedLoop(latencies, 20)));

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(comparison.scenarioDifferences()).contains("concurrency 10 → 20");
  }

  @Test
  void throughput_judges_the_other_way_round() {
    assertThat(Verdict.of(Metric.THROUGHPUT, 0.80, 0.90, 0.05)).isEqualTo(Verdict.SLOWER);
    assertThat(Verdict.of(Metric.THROUGHPUT, 1.10, 1.20, 0.05)).isEqualTo(Verdict.FASTER);
    assertThat(Verdict.of(Metric.MEDIAN, 1.10, 1.20, 0.05)).isEqualTo(Verdict.SLOWER);
    assertThat(Verdict.of(Metric.MEDIAN, 0.80, 0.90, 0.05)).isEqualTo(Verdict.FASTER);
    assertThat(Verdict.of(Metric.MEDIAN, 1.04, 1.20, 0.05)).isEqualTo(Verdict.SAME);
    assertThat(Verdict.of(Metric.P99, 0.97, 1.03, 0)).isEqualTo(Verdict.SAME);
  }

  @Test
  void repeated_runs_are_pooled_per_variant_and_point() throws IOException {
    BenchConfig config = BenchConfig.builder().variants(VARIANT).repeat(2).build();
    BenchFiles.write(
        folder.resolve("a.json"),
        config,
        List.of(
            BenchFiles.run(
                config,
                VARIANT,
                closedLoop(latencies(20, 90, 300), 10),
                config.points().getFirst(),
                1),
            BenchFiles.run(
                config,
                VARIANT,
                closedLoop(latencies(21, 90, 300), 10),
                config.points().getFirst(),
                2)));

    ResultsFile file = read("a.json");

    assertThat(file.keys()).containsExactly(new ResultsFile.Key("sync-sequential", 0));
    assertThat(file.runs().get(file.keys().getFirst()).repetitions()).hasSize(2);
    assertThat(file.runs().get(file.keys().getFirst()).point())
        .isEqualTo("C=10, upstream 100 ms, postgres 100 ms");
    assertThat(file.runs().get(file.keys().getFirst()).ok()).isEqualTo(180);
    assertThat(file.scenarioSummary()).contains("each run 2 times");
  }

  @Test
  void two_repetitions_that_disagree_make_the_interval_cover_both() throws IOException {
    // Both runs of the baseline agree; one run of the current met a slow machine. Two runs cannot
    // say which
    // one is typical, so the interval reaches from "no change" to "30 % slower" and the verdict is
    // same.
    BenchConfig config = BenchConfig.builder().variants(VARIANT).repeat(2).build();
    ScenarioPoint point = config.points().getFirst();
    BenchFiles.write(
        folder.resolve("a.json"),
        config,
        List.of(
            BenchFiles.run(config, VARIANT, closedLoop(latencies(22, 90, 300), 10), point, 1),
            BenchFiles.run(config, VARIANT, closedLoop(latencies(23, 90, 300), 10), point, 2)));
    BenchFiles.write(
        folder.resolve("b.json"),
        config,
        List.of(
            BenchFiles.run(config, VARIANT, closedLoop(latencies(24, 90, 300), 10), point, 1),
            BenchFiles.run(
                config, VARIANT, closedLoop(scaled(latencies(25, 90, 300), 1.3), 10), point, 2)));

    Comparison.Row median =
        row(
            Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT),
            Metric.MEDIAN);

    assertThat(median.low()).isLessThan(1.05);
    assertThat(median.high()).isGreaterThan(1.25);
    assertThat(median.verdict()).isEqualTo(Verdict.SAME);
  }

  @Test
  void each_point_of_a_sweep_is_compared_with_the_same_point() throws IOException {
    BenchConfig sweep =
        BenchConfig.builder()
            .variants(VARIANT)
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(10, 20))
            .build();
    List<ScenarioPoint> points = sweep.points();
    BenchFiles.write(
        folder.resolve("a.json"),
        sweep,
        List.of(
            BenchFiles.run(
                sweep, VARIANT, closedLoop(latencies(26, 100, 100), 10), points.get(0), 1),
            BenchFiles.run(
                sweep, VARIANT, closedLoop(latencies(27, 200, 200), 20), points.get(1), 1)));
    BenchFiles.write(
        folder.resolve("b.json"),
        sweep,
        List.of(
            BenchFiles.run(
                sweep, VARIANT, closedLoop(latencies(28, 100, 100), 10), points.get(0), 1),
            BenchFiles.run(
                sweep,
                VARIANT,
                closedLoop(scaled(latencies(29, 200, 200), 1.3), 20),
                points.get(1),
                1)));

    Comparison comparison =
        Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);

    assertThat(comparison.severalPoints()).isTrue();
    assertThat(comparison.rows())
        .filteredOn(row -> row.point().startsWith("C=10,"))
        .extracting(Comparison.Row::verdict)
        .containsOnly(Verdict.SAME);
    assertThat(comparison.rows())
        .filteredOn(row -> row.point().startsWith("C=20,"))
        .extracting(Comparison.Row::verdict)
        .containsOnly(Verdict.SLOWER);
    assertThat(CompareWriter.markdown(comparison))
        .contains("| variant | point | metric |", "| sync-sequential | C=20, upstream ");
  }

  @Test
  void mann_whitney_agrees_with_the_textbook() {
    // Completely separated samples of five: U = 0, p = 0.0122 (normal approximation,
    // continuity-corrected).
    assertThat(MannWhitney.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}))
        .isCloseTo(0.01219, within(0.00005));
    assertThat(MannWhitney.pValue(new double[] {1, 2, 3}, new double[] {1, 2, 3})).isEqualTo(1.0);
    assertThat(MannWhitney.pValue(new double[] {5, 5, 5}, new double[] {5, 5})).isEqualTo(1.0);
    assertThat(MannWhitney.erfc(0)).isCloseTo(1.0, within(1e-7));
    assertThat(MannWhitney.erfc(1)).isCloseTo(0.157299207, within(1e-7));
  }

  private Comparison compare(double[] baselineMs, double[] currentMs) throws IOException {
    BenchFiles.write(folder.resolve("a.json"), VARIANT, baselineMs);
    BenchFiles.write(folder.resolve("b.json"), VARIANT, currentMs);
    return Comparison.of(read("a.json"), read("b.json"), Comparison.Settings.DEFAULT);
  }

  private ResultsFile read(String name) {
    return ResultsFile.read(folder.resolve(name));
  }

  private static Comparison.Row row(Comparison comparison, Metric metric) {
    return comparison.rows().stream()
        .filter(row -> row.metric() == metric)
        .findFirst()
        .orElseThrow();
  }
}
