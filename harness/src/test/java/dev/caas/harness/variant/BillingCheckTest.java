package dev.caas.harness.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.Sample;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.report.SweepTable;
import dev.caas.harness.report.TestReports;
import dev.caas.harness.stats.ErrorSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingCheckTest {

  @Test
  void every_served_photo_billed_once_balances() {
    var samples = List.of(served(0, "a.jpg"), served(1, "b.jpg"), served(2, "a.jpg"));

    BillingCheck check = BillingCheck.of(Map.of("a.jpg", 2L, "b.jpg", 1L), samples);

    assertThat(check.balanced()).isTrue();
    assertThat(check.billed()).isEqualTo(3);
    assertThat(check.served()).isEqualTo(3);
  }

  @Test
  void a_failed_request_that_was_billed_is_a_mismatch() {
    var samples = List.of(served(0, "a.jpg"), new Sample(1, 0, 0, 1, 503, 0, null, null, null));

    BillingCheck check = BillingCheck.of(Map.of("a.jpg", 2L), samples);

    assertThat(check.balanced()).isFalse();
    assertThat(check.mismatches()).containsEntry("a.jpg", new BillingCheck.Mismatch(2, 1));
  }

  @Test
  void equal_totals_over_the_wrong_files_are_still_a_mismatch() {
    BillingCheck check = BillingCheck.of(Map.of("b.jpg", 1L), List.of(served(0, "a.jpg")));

    assertThat(check.billed()).isEqualTo(check.served());
    assertThat(check.mismatches()).containsOnlyKeys("a.jpg", "b.jpg");
  }

  @Test
  void a_difference_fails_the_bench_with_one_line_naming_the_filenames_and_counts() {
    var samples = TestRuns.samples(30, 300);
    var billed =
        new HashMap<String, Long>(Map.of("dog-0.jpg", 10L, "dog-1.jpg", 11L, "dog-2.jpg", 10L));
    BenchReport report =
        TestRuns.report(List.of(TestRuns.run(Variant.SYNC_GATHERED, samples, billed)), List.of());

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .containsExactly(
            "FAIL sync-gathered: billing differs, billed 31, served 30: dog-1.jpg billed 11, served 10");
    assertThat(ReportWriter.text(report))
        .contains("31/30 (mismatch)", "Failed:\n  FAIL sync-gathered: billing differs");
  }

  @Test
  void errors_are_listed_by_kind_with_their_time_to_fail() {
    var samples = new ArrayList<>(TestRuns.samples(10, 300));
    for (int i = 0; i < 5; i++) {
      samples.add(new Sample(10 + i, 0, 0, (2 + i) * 1_000_000L, 503, 60, null, null, null, null));
    }
    samples.add(new Sample(15, 0, 0, 1_001_000_000L, 504, 60, null, null, null, "billing"));
    BenchReport report =
        TestRuns.report(List.of(TestRuns.run(Variant.SYNC_GATHERED, samples)), List.of());

    assertThat(ErrorSummary.describe(samples))
        .isEqualTo(
            "503 ×5 failing in 4.0 ms median, 6.0 ms max; 504 billing ×1 failing in 1001 ms median, 1001 ms max");
    assertThat(ReportWriter.text(report))
        .contains(
            "Errors by kind (time to fail: from sending to the error answer):",
            "sync-gathered: 503 ×5 failing in 4.0 ms median");
    assertThat(report.failures())
        .containsExactly(
            "FAIL sync-gathered: 6 of 16 requests failed (503 ×5 failing in "
                + "4.0 ms median, 6.0 ms max; 504 billing ×1 failing in 1001 ms median, 1001 ms max)");
    assertThat(
            ReportWriter.json(report)
                .path("runs")
                .get(0)
                .path("errors_by_kind")
                .get(1)
                .path("kind")
                .asText())
        .isEqualTo("504 billing");
  }

  @Test
  void a_sweep_prints_the_reconciliation_of_every_point_too() {
    SweepTable table = SweepTable.of(TestReports.sweep(java.util.Optional.empty()));

    assertThat(SweepTable.HEADERS.getLast()).isEqualTo("Billed/Served");
    assertThat(table.rows()).allSatisfy(row -> assertThat(row.getLast()).matches("(\\d+)/\\1"));
  }

  private static Sample served(int index, String filename) {
    return new Sample(index, 0, 0, 1_000_000, 200, 100, filename, null, null);
  }
}
