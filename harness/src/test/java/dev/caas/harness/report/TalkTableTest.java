package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TalkTableTest {

  @Test
  void a_row_has_the_talks_columns_then_the_theory_and_the_tail() {
    RunResult run = TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 300));

    List<String> row = TalkTable.of(List.of(run)).rows().getFirst();

    assertThat(TalkTable.HEADERS)
        .startsWith("Variant", "Total Requests", "Median Time", "Avg. Time", "Std. Dev.");
    assertThat(row).hasSameSizeAs(TalkTable.HEADERS);
    assertThat(cell(row, "Variant")).isEqualTo("sync-sequential");
    assertThat(cell(row, "Total Requests")).isEqualTo("90");
    assertThat(cell(row, "Median Time")).isEqualTo("303 ms");
    assertThat(cell(row, "Theory")).isEqualTo("300 ms");
    assertThat(cell(row, "Median/Theory")).isEqualTo("1.01");
    assertThat(cell(row, "Errors")).isEqualTo("0");
    assertThat(cell(row, "Billed/Served")).isEqualTo("90/90");
    assertThat(cell(row, "Talk")).isEqualTo("talk attempt 1");
  }

  @Test
  void times_from_ten_seconds_up_read_in_seconds() {
    assertThat(Millis.format(45_113)).isEqualTo("45.11 s");
    assertThat(Millis.format(9_999)).isEqualTo("9999 ms");
    assertThat(Millis.format(4.25)).isEqualTo("4.3 ms");
    assertThat(Millis.format(Double.NaN)).isEqualTo("—");
  }

  @Test
  void errors_are_counted_by_kind_and_a_billing_mismatch_is_flagged() {
    var samples = new ArrayList<>(TestRuns.samples(10, 300));
    samples.set(3, new Sample(3, 0, 0, 1_000_000, 503, 80, null, null, null));
    samples.set(4, new Sample(4, 0, 0, 1_000_000, 0, 0, null, null, "timeout"));
    RunResult run = TestRuns.run(Variant.SYNC_GATHERED, samples, Map.of("dog-0.jpg", 9L));

    List<String> row = TalkTable.of(List.of(run)).rows().getFirst();

    assertThat(cell(row, "Errors")).isEqualTo("2 (503: 1, timeout: 1)");
    assertThat(cell(row, "Billed/Served")).isEqualTo("9/8 (mismatch)");
    assertThat(cell(row, "Talk")).isEmpty();
  }

  @Test
  void text_columns_line_up() {
    var runs =
        List.of(
            TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 300)),
            TestRuns.run(Variant.SYNC_GATHERED, TestRuns.samples(90, 200)));

    List<String> lines = TalkTable.of(runs).toText().lines().toList();

    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).matches("-+");
    int medianEnd = lines.get(0).indexOf("Median Time") + "Median Time".length();
    assertThat(lines.get(2).substring(0, medianEnd)).endsWith("303 ms");
    assertThat(lines.get(3).substring(0, medianEnd)).endsWith("203 ms");
  }

  @Test
  void markdown_is_a_table_with_numbers_aligned_right() {
    String markdown =
        TalkTable.of(List.of(TestRuns.run(Variant.SYNC_SEQUENTIAL, TestRuns.samples(90, 300))))
            .toMarkdown();

    List<String> lines = markdown.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("| Variant | Total Requests | Median Time |");
    assertThat(lines.get(1)).startsWith("| --- | ---: |");
    assertThat(lines.get(2))
        .startsWith("| sync-sequential | 90 | 303 ms |")
        .endsWith("| talk attempt 1 |");
  }

  private static String cell(List<String> row, String header) {
    return row.get(TalkTable.HEADERS.indexOf(header));
  }
}
