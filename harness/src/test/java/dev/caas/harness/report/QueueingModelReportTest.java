package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.queueing.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/**
 * The queueing model in the reports: every run's JSON carries its prediction, the sweep table shows
 * it beside the measurement, the charts draw its curve, and a sweep of enough points gets the
 * Universal Scalability Law fitted per variant.
 */
class QueueingModelReportTest {
  /** The law the made-up sweep follows: λ = 9 rps, σ = 0.02, κ = 0.00005. */
  private static final double LAMBDA = 9;

  private static final double SIGMA = 0.02;
  private static final double KAPPA = 0.00005;

  @Test
  void every_run_of_the_fixed_sweep_carries_the_models_prediction_in_its_json() {
    JsonNode json = ReportJson.json(TestReports.sweep(Optional.empty()));

    assertThat(json.at("/runs")).hasSize(12);
    for (JsonNode run : json.at("/runs")) {
      JsonNode mva = run.at("/theory/mva");
      assertThat(mva.at("/throughput_rps").asDouble()).isPositive();
      assertThat(mva.at("/median_ms").asDouble()).isGreaterThanOrEqualTo(100);
      assertThat(mva.at("/p99_ms").asDouble())
          .isGreaterThanOrEqualTo(mva.at("/median_ms").asDouble());
      assertThat(mva.at("/bottleneck").asText()).isIn("cpu", "server threads");
      assertThat(mva.at("/utilisation").asDouble()).isBetween(0.0, 1.0);
      assertThat(mva.at("/cpu_demand/source").asText()).isEqualTo("estimate");
      assertThat(mva.at("/median_over_mva").asDouble()).isPositive();
    }
    assertThat(json.at("/theory_fit/variants/0/variant").asText()).isEqualTo("sync-sequential");
    assertThat(json.at("/theory_fit/variants/0/points").asInt()).isEqualTo(3);
    // Three points are too few for three parameters: no law is fitted.
    assertThat(json.at("/theory_fit/variants/0/usl").isNull()).isTrue();
  }

  @Test
  void the_sweep_table_shows_the_model_beside_the_measurement() {
    SweepTable table = SweepTable.of(TestReports.sweep(Optional.empty()));
    List<String> lastRow = table.rows().get(4);
    int column = SweepTable.HEADERS.indexOf("Model (rps)");

    assertThat(SweepTable.HEADERS)
        .containsSubsequence(
            "Model median", "Median/Model", "Model p99", "Model (rps)", "Thr./Model");
    assertThat(lastRow.get(SweepTable.HEADERS.indexOf("Variant"))).isEqualTo("sync-sequential");
    // 32 threads at 100 ms, 7 ms of CPU on 2 cores: the cores, not the threads, are the knee.
    assertThat(Double.parseDouble(lastRow.get(column))).isBetween(250.0, 286.0);
    assertThat(lastRow.get(SweepTable.HEADERS.indexOf("Model bottleneck (U)")))
        .startsWith("cpu 0.9");
  }

  @Test
  void the_model_is_drawn_as_a_curve_through_the_knee_and_the_bounds_at_the_points() {
    List<PointSummary> summaries = PointSummary.of(TestReports.sweep(Optional.empty()));
    XYChart chart =
        Charts.sweep(
            summaries,
            "throughput",
            "clients",
            "rps",
            s -> s.point().concurrency(),
            PointSummary::throughputRps,
            Charts.modelCurve(Prediction::throughputPerSecond),
            Charts.atPoints(s -> s.point().concurrency(), s -> s.theory().throughputRps()),
            true,
            false);

    assertThat(chart.getSeriesMap())
        .containsKeys("sync-sequential", "sync-sequential model", "sync-sequential bounds");
    assertThat(chart.getSeriesMap().get("sync-sequential bounds").getXData()).hasSize(3);
    double[] curve = chart.getSeriesMap().get("sync-sequential model").getYData();
    assertThat(curve.length).isGreaterThan(Charts.CURVE_STEPS / 2);
    for (int i = 1; i < curve.length; i++) {
      assertThat(curve[i])
          .as("throughput never falls as clients are added")
          .isGreaterThanOrEqualTo(curve[i - 1]);
    }
  }

  @Test
  void a_concurrency_sweep_of_five_points_gets_the_universal_scalability_law_fitted() {
    BenchReport report = sweepFollowingTheLaw();
    JsonNode usl = ReportJson.json(report).at("/theory_fit/variants/0/usl");

    JsonNode sigma = usl.at("/sigma");
    assertThat(sigma.at("/value").asDouble()).isBetween(SIGMA / 2, SIGMA * 2);
    assertThat(sigma.at("/low").asDouble()).isLessThanOrEqualTo(sigma.at("/value").asDouble());
    assertThat(sigma.at("/high").asDouble()).isGreaterThanOrEqualTo(sigma.at("/value").asDouble());
    assertThat(usl.at("/kappa/value").asDouble()).isBetween(0.0, KAPPA * 4);
    assertThat(usl.at("/lambda_rps/value").asDouble()).isBetween(LAMBDA * 0.9, LAMBDA * 1.1);
    assertThat(ReportWriter.markdown(report))
        .contains(
            "the Universal Scalability Law fitted to the throughput",
            "sync-sequential: within ±10 % of the model at",
            "USL fitted (95 % CI): λ = ");
  }

  @Test
  void every_point_the_model_misses_is_listed_with_its_bottleneck_and_the_spread_of_its_runs() {
    BenchConfig config = TestReports.sweepTwice(Variant.LOOM_SEQUENTIAL);
    var runs = new ArrayList<RunResult>();
    for (int repetition = 1; repetition <= 2; repetition++) {
      for (ScenarioPoint point : config.points()) {
        // The second repetition a third slower at every point: a spread between the runs.
        double medianMs = (repetition == 1 ? 100 : 133) * Math.max(1, point.concurrency() / 10.0);
        runs.add(
            TestRuns.run(
                Variant.LOOM_SEQUENTIAL,
                TestRuns.lognormal(
                    repetition * 10 + point.concurrency(), point.workload().requests(), medianMs),
                point,
                repetition));
      }
    }
    BenchReport sweep =
        new BenchReport(TestRuns.provenance(), config, runs, List.of(), Optional.empty());
    JsonNode fits = ReportJson.json(sweep).at("/theory_fit/variants");

    int listed = 0;
    for (JsonNode fit : fits) {
      JsonNode misses = fit.at("/misses");
      assertThat(misses.size())
          .as(fit.at("/variant").asText())
          .isEqualTo(fit.at("/points").asInt() - fit.at("/both_within").asInt());
      for (JsonNode miss : misses) {
        int concurrency = miss.at("/concurrency").asInt();
        double[] throughputs =
            sweep.runs().stream()
                .filter(run -> run.variant().wireName().equals(fit.at("/variant").asText()))
                .filter(run -> sweep.pointOf(run).concurrency() == concurrency)
                .mapToDouble(RunResult::throughputRps)
                .toArray();
        assertThat(throughputs).hasSize(2);
        double mean = (throughputs[0] + throughputs[1]) / 2;
        double cv = Math.abs(throughputs[0] - throughputs[1]) / Math.sqrt(2) / mean;
        assertThat(cv).isGreaterThan(0.1);
        assertThat(miss.at("/throughput_spread_cv").asDouble()).isCloseTo(cv, within(1e-3));
        assertThat(miss.at("/bottleneck").asText()).isNotBlank();
        boolean medianWithin = Math.abs(miss.at("/median_over_mva").asDouble() - 1) <= 0.1;
        boolean throughputWithin = Math.abs(miss.at("/throughput_over_mva").asDouble() - 1) <= 0.1;
        assertThat(medianWithin && throughputWithin).isFalse();
        listed++;
      }
    }
    assertThat(listed).as("the fixed sweep has points the model misses").isPositive();
    assertThat(ReportWriter.markdown(sweep))
        .contains("missed C=")
        .contains("; the model's bottleneck: ")
        .contains("; the 2 runs' throughput spread ");
  }

  /** Five points whose throughput follows X(C) = λC / (1 + σ(C − 1) + κC(C − 1)). */
  private static BenchReport sweepFollowingTheLaw() {
    BenchConfig config =
        BenchConfig.builder()
            .variants(Variant.SYNC_SEQUENTIAL)
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(1, 10, 50, 100, 200))
            .build();
    var runs = new ArrayList<RunResult>();
    for (ScenarioPoint point : config.points()) {
      double c = point.concurrency();
      double throughput = LAMBDA * c / (1 + SIGMA * (c - 1) + KAPPA * c * (c - 1));
      // The made-up runs keep ten requests in flight: ten per median latency.
      double medianMs = 10 / throughput * 1000;
      runs.add(
          TestRuns.run(
              Variant.SYNC_SEQUENTIAL,
              TestRuns.lognormal((long) c, point.workload().requests(), medianMs),
              point,
              1));
    }
    return new BenchReport(TestRuns.provenance(), config, runs, List.of(), Optional.empty());
  }
}
