package dev.caas.harness.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.GeneratorCeiling;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.report.TestReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
  private static final Calibration CALIBRATED =
      new Calibration(
          "2026-11-25T10:00:00+01:00",
          "abc1234",
          2,
          "25",
          64,
          8_000,
          20_000,
          1000,
          1000,
          1_080,
          1_400,
          1_060,
          1_650,
          "wrk 4.1.0");

  @Test
  void wrks_report_is_read_for_its_rate_and_percentiles() {
    String output =
        """
        Running 10s test @ http://127.0.0.1:40123/delay
          2 threads and 1000 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.10s   120.33ms   1.70s    88.10%
            Req/Sec   480.12    210.40     1.01k    70.00%
          Latency Distribution
             50%    1.06s
             75%    1.10s
             90%    1.30s
             99%    1.65s
          9046 requests in 10.02s, 0.86MB read
        Requests/sec:    902.79
        Transfer/sec:     88.16KB
        """;

    Wrk.Result result = Wrk.parse(output);

    assertThat(result.requestsPerSecond()).isEqualTo(902.79);
    assertThat(result.p50Ms()).isEqualTo(1060.0);
    assertThat(result.p99Ms()).isEqualTo(1650.0);
  }

  @Test
  void microseconds_and_minutes_are_converted_too() {
    Wrk.Result result =
        Wrk.parse("     50%  812.00us\n     99%    1.50m\nRequests/sec:  21000.5\n");

    assertThat(result.p50Ms()).isCloseTo(0.812, within(1e-9));
    assertThat(result.p99Ms()).isEqualTo(90_000.0);
  }

  @Test
  void the_stored_calibration_reads_back_the_same(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("target/caas-calibration.json");

    CALIBRATED.write(file);

    assertThat(Calibration.read(file)).contains(CALIBRATED);
    assertThat(CALIBRATED.maxRpsRatio()).isEqualTo(0.4);
    assertThat(CALIBRATED.accurateInFlight()).isTrue();
    assertThat(Calibration.read(folder.resolve("none.json"))).isEmpty();
  }

  @Test
  void without_a_calibration_the_report_says_not_calibrated_and_flags_nothing() {
    assertThat(GeneratorCeiling.describe(Optional.empty())).startsWith("not calibrated");
    assertThat(GeneratorCeiling.flags(TestReports.talk().runs(), Optional.empty())).isEmpty();
  }

  @Test
  void runs_beyond_the_calibrated_concurrency_or_rate_are_flagged() {
    BenchConfig sweep =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(10, 2000))
            .build();
    BenchConfig open =
        BenchConfig.builder().ratePerSecond(9_000.0).requests(100).concurrency(100).build();
    var within =
        TestRuns.run(Variant.LOOM_GATHERED, TestRuns.samples(10, 100), sweep.points().get(0), 1);
    var tooMany =
        TestRuns.run(Variant.LOOM_GATHERED, TestRuns.samples(10, 100), sweep.points().get(1), 1);
    var tooFast =
        TestRuns.run(Variant.LOOM_GATHERED, TestRuns.samples(10, 100), open.points().getFirst(), 1);

    List<String> flags =
        GeneratorCeiling.flags(List.of(within, tooMany, tooFast), Optional.of(CALIBRATED));

    assertThat(flags).hasSize(2);
    assertThat(flags.get(0)).contains("C=2000", "2000 in flight is more than the 1000 calibrated");
    assertThat(flags.get(1)).contains("9000/s is above the calibrated ceiling of 8000 rps");
  }

  @Test
  void a_generator_that_was_slow_at_its_calibrated_concurrency_flags_runs_near_it() {
    var slow =
        new Calibration(
            "d", "c", 2, "25", 64, 8_000, 20_000, 1000, 1000, 2_300, 3_100, 1_060, 1_650, "wrk");
    BenchConfig sweep =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(800))
            .build();
    var run =
        TestRuns.run(
            Variant.LOOM_GATHERED, TestRuns.samples(10, 100), sweep.points().getFirst(), 1);

    assertThat(GeneratorCeiling.flags(List.of(run), Optional.of(slow)))
        .singleElement()
        .asString()
        .contains("the generator added 130 %");
  }
}
