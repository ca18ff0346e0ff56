package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.bench.BenchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
  private static final Pattern REFERENCE = Pattern.compile("url\\(#([^)]+)\\)");

  @Test
  void the_talk_report_has_its_sections_in_order_with_the_table_charts_and_waterfalls() {
    BenchReport report = TestReports.talk();

    String html = html(report);

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(headings(html))
        .containsExactly(
            "caas bench: talk",
            "Provenance",
            "Results",
            "Theory",
            "Load generator",
            "Charts",
            "Waterfalls");
    assertThat(html)
        .contains(
            "<th>commit</th><td>abc1234</td>",
            "<td>sync-sequential</td>",
            "Total Requests",
            "not calibrated (run ./caas calibrate)");
    assertThat(count(html, "<svg")).isEqualTo(1 + 2);
    assertThat(html).contains("id=\"waterfall-sync-gathered\"", "id=\"latency-by-variant\"");
  }

  @Test
  void the_page_fetches_nothing() {
    String html = html(TestReports.sweep(Optional.empty()));

    assertThat(html)
        .doesNotContainPattern("(src|href)=\"(https?:)?//")
        .doesNotContain("<link", "<script", "@import", "url(http");
  }

  @Test
  void inline_charts_never_share_an_id_and_every_reference_resolves() {
    String html = html(TestReports.sweep(Optional.empty()));

    var ids = new ArrayList<String>();
    Matcher id = ID.matcher(html);
    while (id.find()) {
      ids.add(id.group(1));
    }
    assertThat(ids).doesNotHaveDuplicates();
    Matcher reference = REFERENCE.matcher(html);
    var referenced = new HashSet<String>();
    while (reference.find()) {
      referenced.add(reference.group(1));
    }
    assertThat(referenced).isNotEmpty();
    assertThat(ids).containsAll(referenced);
  }

  @Test
  void a_sweep_report_shows_the_sweep_charts_the_repeat_summary_and_the_generator_flags() {

    String html = html(TestReports.sweep(Optional.of(TestReports.calibration())));

    assertThat(headings(html))
        .contains(
            "Repeated runs (two-level bootstrap over runs and requests)",
            "Load generator",
            "Not run",
            "At C=1, upstream 100 ms, postgres 0.0 ms",
            "At C=100, upstream 100 ms, postgres 0.0 ms");
    assertThat(html)
        .contains(
            "id=\"latency-vs-concurrency\"",
            "id=\"throughput-vs-concurrency\"",
            "id=\"waterfall-loom-sequential-point3\"",
            "class=\"flag\"",
            "100 in flight is more than the 50 calibrated",
            "median of 2 medians");
  }

  @Test
  void out_writes_every_file_the_issue_lists(@TempDir Path folder) throws Exception {
    List<Path> written = ReportFiles.write(TestReports.sweep(Optional.empty()), folder);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "results.json",
            "results.md",
            "results.csv",
            "report.html",
            "latency-vs-concurrency.svg",
            "throughput-vs-concurrency.svg",
            "latency-by-variant.svg",
            "sync-sequential-point1-run1.hlog",
            "loom-sequential-point3-run2.hlog");
    assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile().isNotEmptyFile());
    assertThat(Files.readString(folder.resolve("latency-vs-concurrency.svg")))
        .startsWith("<?xml")
        .contains("<svg");
    List<String> csv = Files.readAllLines(folder.resolve("results.csv"));
    assertThat(csv).hasSize(1 + 12);
    assertThat(csv.getFirst()).startsWith("variant,repetition,point,workload,concurrency");
  }

  static String html(BenchReport report) {
    return HtmlReport.of(report, Charts.of(report), HtmlReport.waterfallCharts(report));
  }

  static List<String> headings(String html) {
    var headings = new ArrayList<String>();
    Matcher heading = Pattern.compile("<h[1-3][^>]*>([^<]*)</h[1-3]>").matcher(html);
    while (heading.find()) {
      headings.add(heading.group(1).replace("&amp;", "&"));
    }
    return headings;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
