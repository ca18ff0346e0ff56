package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.bench.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private final BenchReport report =
      TestRuns.report(
          List.of(TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 300))),
          List.of(
              new NotRun(
                  Variant.LOOM_GATHERED,
                  true,
                  "no jar at loom-impl/target/x.jar",
                  "build it with: ./mvnw")));

  @Test
  void json_keeps_the_fields_the_design_promises(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("results.json");

    ReportWriter.writeJson(report, file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    assertThat(json.at("/provenance/commit").asText()).isEqualTo("abc1234");
    assertThat(json.at("/provenance/jdk").asText()).isNotBlank();
    assertThat(json.at("/provenance/cores").asInt()).isEqualTo(2);
    assertThat(json.at("/provenance/backends/postgres").asText()).startsWith("embedded");
    assertThat(json.at("/provenance/backends/toxiproxy").asText()).startsWith("embedded");
    assertThat(json.at("/scenario/requests").asInt()).isEqualTo(90);
    assertThat(json.at("/scenario/concurrency").asInt()).isEqualTo(10);
    assertThat(json.at("/scenario/latency_ms/upstream").asLong()).isEqualTo(100);
    assertThat(json.at("/scenario/latency_ms/postgres").asLong()).isEqualTo(100);

    JsonNode run = json.at("/runs/0");
    assertThat(run.get("variant").asText()).isEqualTo("sync-sequential");
    assertThat(run.get("requests").asInt()).isEqualTo(90);
    assertThat(run.get("ok").asInt()).isEqualTo(90);
    assertThat(run.get("errors").asInt()).isZero();
    for (String field : List.of("median", "mean", "stddev", "p90", "p99", "max")) {
      assertThat(run.at("/latency_ms/" + field).isNumber()).as(field).isTrue();
    }
    assertThat(run.at("/latency_ms/median").asDouble()).isBetween(300.0, 306.5);
    assertThat(run.get("throughput_rps").isNumber()).isTrue();
    assertThat(run.at("/theory/median_ms").asDouble()).isEqualTo(300.0);
    assertThat(run.at("/theory/throughput_rps").asDouble()).isBetween(33.3, 33.4);
    assertThat(run.at("/billing/billed").asInt()).isEqualTo(90);
    assertThat(run.at("/billing/served").asInt()).isEqualTo(90);
  }

  @Test
  void json_has_limits_step_medians_and_every_sample() {
    JsonNode run = ReportWriter.json(report).at("/runs/0");

    assertThat(run.at("/limits/server_threads").asInt()).isEqualTo(32);
    assertThat(run.at("/limits/db_pool").asInt()).isEqualTo(20);
    assertThat(run.at("/limits/http_connections").isNull()).isTrue();
    assertThat(run.at("/step_medians_ms/upstream").asDouble()).isEqualTo(100.2);
    assertThat(run.at("/step_medians_ms/billing").asDouble()).isEqualTo(100.1);
    assertThat(run.at("/step_medians_ms/name").asDouble()).isEqualTo(100.3);
    assertThat(run.at("/samples/columns")).hasSize(ReportJson.SAMPLE_COLUMNS.size());
    assertThat(run.at("/samples/rows")).hasSize(90);
    JsonNode first = run.at("/samples/rows/0");
    assertThat(first.get(ReportJson.SAMPLE_COLUMNS.indexOf("latency_ms")).asDouble())
        .isEqualTo(300.0);
    assertThat(first.get(ReportJson.SAMPLE_COLUMNS.indexOf("status")).asInt()).isEqualTo(200);
    assertThat(first.get(ReportJson.SAMPLE_COLUMNS.indexOf("filename")).asText())
        .isEqualTo("dog-0.jpg");
    assertThat(first.get(ReportJson.SAMPLE_COLUMNS.indexOf("server_timing")).asText())
        .startsWith("upstream;start=0.0");
  }

  @Test
  void json_lists_what_was_not_run() {
    JsonNode json = ReportWriter.json(report);

    assertThat(json.at("/not_run/0/variant").asText()).isEqualTo("loom-gathered");
    assertThat(json.at("/not_run/0/skipped").asBoolean()).isTrue();
    assertThat(json.at("/passed").asBoolean()).isTrue();
  }

  @Test
  void markdown_starts_with_provenance_then_the_table(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("out/results.md");

    ReportWriter.writeMarkdown(report, file);
    String markdown = Files.readString(file);

    assertThat(markdown).startsWith("# caas bench\n");
    assertThat(markdown.indexOf("**commit**: abc1234"))
        .isPositive()
        .isLessThan(markdown.indexOf("## Results"));
    assertThat(markdown)
        .contains("| sync-sequential | 90 |", "limited by clients", "## Not run", "loom-gathered");
  }

  @Test
  void console_text_names_the_bottleneck_and_the_skipped_variants() {
    String text = ReportWriter.text(report);

    assertThat(text)
        .contains("commit", "abc1234", "cores", "latency", "upstream 100 ms, postgres 100 ms");
    assertThat(text)
        .contains(
            "  sync-sequential: T = 300 ms, limited by clients 33.3 rps (10 / 300 ms)\n"
                + "      other bounds: database pool 100.0 rps (20 / (2 × 100 ms)), server threads 106.7 rps (32 / 300 ms)\n"
                + "      queueing model: 32.6 rps, median 307 ms, p99 309 ms; database pool at U = 0.33; CPU 7.0 ms (estimate) per request on 2 cores\n"
                + "      limits: server threads 32, db pool 20, upstream connections unbounded, executor threads unbounded\n"
                + "      Server-Timing medians: upstream 100 ms, billing 100 ms, name 100 ms, total 300 ms\n");
    assertThat(text).contains("loom-gathered (skipped): no jar at");
  }

  @Test
  void json_adds_the_point_the_run_the_uncorrected_latency_the_generator_and_the_waterfall() {
    JsonNode json = ReportWriter.json(TestReports.sweep(java.util.Optional.empty()));

    assertThat(json.at("/scenario/name").asText()).isEqualTo("concurrency-sweep");
    assertThat(json.at("/scenario/flavour").asText()).isEqualTo("upstream-only");
    assertThat(json.at("/scenario/repeat").asInt()).isEqualTo(2);
    assertThat(json.at("/scenario/points")).hasSize(3);
    JsonNode run = json.at("/runs/0");
    assertThat(run.get("variant").asText()).isEqualTo("sync-sequential");
    assertThat(run.get("repetition").asInt()).isEqualTo(1);
    assertThat(run.at("/point/concurrency").asInt()).isEqualTo(1);
    assertThat(run.at("/point/latency_ms/postgres").asDouble()).isZero();
    assertThat(run.get("hlog").asText()).isEqualTo("sync-sequential-point1-run1.hlog");
    assertThat(run.at("/latency_uncorrected_ms/median").isNumber()).isTrue();
    assertThat(run.at("/generator/kept_up").asBoolean()).isTrue();
    assertThat(run.at("/waterfall/steps/0/name").asText()).isEqualTo("upstream");
    assertThat(run.at("/samples/rows")).hasSize(90);
    assertThat(json.at("/repeat_summary/groups")).hasSize(6);
    assertThat(json.at("/repeat_summary/differences/0/within_noise").isBoolean()).isTrue();
    assertThat(json.at("/generator/description").asText()).startsWith("not calibrated");
  }

  @Test
  void a_sweeps_console_text_is_one_row_per_variant_and_point() {
    String text = ReportWriter.text(TestReports.sweep(java.util.Optional.empty()));

    assertThat(text)
        .contains(
            "scenario           concurrency-sweep (upstream-only), 3 points",
            "Repeated runs (two-level bootstrap over runs and requests):",
            "Load generator:");
    assertThat(text.lines().filter(line -> line.matches("\\s*100\\s+—\\s+100 ms.*"))).hasSize(2);
  }
}
