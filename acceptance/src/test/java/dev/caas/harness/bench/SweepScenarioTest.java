package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.report.ReportFiles;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real concurrency sweep, latency on the upstream only, against the sync and Loom jars:
 * sync with eight server threads (fewer left for handlers once Jetty has taken its own) stops
 * growing at threads / T, Loom keeps growing with the clients. The latency is long enough that the
 * limit is far below what this shared machine serves with no latency. One testbed, one process per
 * variant for the whole sweep, every output file written.
 */
class SweepScenarioTest {
  private static final Duration L = Duration.ofMillis(100);
  private static final int THREADS = 8;

  @Test
  void sync_saturates_at_its_threads_over_t_and_loom_does_not(@TempDir Path out) throws Exception {
    BenchConfig config =
        BenchConfig.builder()
            .variants(Variant.SYNC_SEQUENTIAL, Variant.LOOM_SEQUENTIAL)
            .requireJars(true)
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .flavour(Scenario.Flavour.UPSTREAM_ONLY)
            .concurrencies(List.of(2, 32))
            .requests(20)
            .requestsPerClient(5)
            .latency(L)
            .serverThreads(THREADS)
            .warmup(100)
            .build();
    var jars = VariantJars.locate(null, Map.of(), Path.of("").toAbsolutePath());
    BenchReport report;
    try (var testbed = Testbed.start()) {
      report = new Bench(config, jars, Progress.SILENT).run(testbed);
    }
    ReportFiles.write(report, out);

    assertThat(report.notRun()).isEmpty();
    assertThat(report.runs())
        .hasSize(4)
        .allSatisfy(run -> assertThat(run.passed()).as(run.variant().wireName()).isTrue());
    RunResult sync32 = run(report, Variant.SYNC_SEQUENTIAL, 32);
    RunResult loom32 = run(report, Variant.LOOM_SEQUENTIAL, 32);
    double t = sync32.theory().serviceTimeMs() / 1000;
    // Sync's limit: its handler threads (what /health reports, Jetty's own threads taken out) over
    // T.
    double syncCeiling = sync32.limits().serverThreads() / t;
    assertThat(sync32.theory().bottleneck()).isEqualTo("server threads");
    assertThat(sync32.throughputRps()).isLessThan(syncCeiling * 1.1);
    assertThat(loom32.throughputRps()).isGreaterThan(1.5 * sync32.throughputRps());
    assertThat(loom32.latency().medianMs()).isLessThan(sync32.latency().medianMs());
    assertThat(run(report, Variant.SYNC_SEQUENTIAL, 2).latency().medianMs())
        .isBetween(100.0, 200.0);
    assertThat(out.resolve("report.html")).content().contains("throughput-vs-concurrency");
    assertThat(out.resolve("sync-sequential-point2.hlog")).isNotEmptyFile();
  }

  private static RunResult run(BenchReport report, Variant variant, int clients) {
    return report.runs().stream()
        .filter(run -> run.variant() == variant && run.point().concurrency() == clients)
        .findFirst()
        .orElseThrow();
  }
}
