package dev.caas.harness.compare;

import static dev.caas.harness.compare.BenchFiles.latencies;
import static dev.caas.harness.compare.BenchFiles.scaled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Variant;
import dev.caas.harness.cli.Caas;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path folder;

  @Test
  void caas_help_lists_compare() {
    assertThat(execute("--help")).isZero();
    assertThat(out.toString()).contains("compare");
  }

  @Test
  void compare_help_shows_an_example_and_the_exit_codes() {
    int exit = execute("compare", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "Examples:",
            "--baseline results/baseline.json",
            "--threshold",
            "Exit codes:",
            "1  a regression");
  }

  @Test
  void a_regression_exits_with_1_and_writes_the_markdown_and_json() throws IOException {
    Path baseline =
        BenchFiles.write(
            folder.resolve("baseline.json"), Variant.LOOM_GATHERED, latencies(1, 90, 200));
    Path current =
        BenchFiles.write(
            folder.resolve("current.json"),
            Variant.LOOM_GATHERED,
            scaled(latencies(2, 90, 200), 1.3));

    int exit =
        execute(
            "compare",
            "--baseline",
            baseline.toString(),
            "--current",
            current.toString(),
            "--markdown",
            folder.resolve("compare.md").toString(),
            "--json",
            folder.resolve("compare.json").toString());

    assertThat(exit).isEqualTo(1);
    String markdown = Files.readString(folder.resolve("compare.md"));
    assertThat(out.toString()).startsWith(markdown);
    assertThat(markdown)
        .startsWith("## caas compare: regression, 3 rows slower\n")
        .containsPattern(
            "\\*\\*Slower\\*\\*: loom-gathered median 19\\d ms → 2\\d\\d ms \\(×1\\.\\d{3}, 95 % CI ")
        .contains(
            "| commit | abc1234 | abc1234 |",
            "| variant | metric | baseline | current | ratio | 95 % CI | p | verdict |")
        .containsPattern(
            "\\| loom-gathered \\| median \\| 19\\d ms \\| 2\\d\\d ms \\| 1\\.\\d{3} "
                + "\\| 1\\.\\d{3}–1\\.\\d{3} \\| <0\\.001 \\| \\*\\*slower\\*\\* \\|")
        .contains("| loom-gathered | throughput |", "5 % threshold");
    JsonNode json = new ObjectMapper().readTree(folder.resolve("compare.json").toFile());
    assertThat(json.get("regressed").asBoolean()).isTrue();
    assertThat(json.at("/rows/0/verdict").asText()).isEqualTo("slower");
    assertThat(json.at("/rows/0/ci_low").asDouble()).isGreaterThan(1.05);
  }

  @Test
  void the_same_code_twice_exits_with_0() throws IOException {
    Path baseline =
        BenchFiles.write(folder.resolve("a.json"), Variant.SYNC_GATHERED, latencies(3, 90, 200));
    Path current =
        BenchFiles.write(folder.resolve("b.json"), Variant.SYNC_GATHERED, latencies(4, 90, 200));

    int exit =
        execute(
            "compare",
            "--baseline",
            baseline.toString(),
            "--current",
            current.toString(),
            "--out",
            folder.resolve("out").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("## caas compare: no regression\n")
        .doesNotContain("| **slower** |");
    assertThat(folder.resolve("out/compare.md")).exists();
    assertThat(folder.resolve("out/compare.json")).exists();
  }

  @Test
  void the_threshold_takes_a_percentage() throws IOException {
    Path baseline =
        BenchFiles.write(folder.resolve("a.json"), Variant.SYNC_GATHERED, latencies(5, 90, 200));
    Path current =
        BenchFiles.write(
            folder.resolve("b.json"), Variant.SYNC_GATHERED, scaled(latencies(6, 90, 200), 1.3));

    int exit =
        execute(
            "compare",
            "--baseline",
            baseline.toString(),
            "--current",
            current.toString(),
            "--threshold",
            "50%");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("50 % threshold", "above 1.500 for a latency");
  }

  @Test
  void a_missing_file_is_bad_input_not_a_regression() throws IOException {
    Path current =
        BenchFiles.write(folder.resolve("b.json"), Variant.SYNC_GATHERED, latencies(7, 90, 200));

    int exit =
        execute(
            "compare",
            "--baseline",
            folder.resolve("nowhere.json").toString(),
            "--current",
            current.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("caas compare: no such file: ", "nowhere.json");
  }

  @Test
  void a_file_without_samples_is_bad_input() throws IOException {
    Path talk = folder.resolve("talk.json");
    Files.writeString(
        talk, "{\"runs\": [{\"variant\": \"sync-sequential\", \"median_ms\": 45113}]}");
    Path current =
        BenchFiles.write(folder.resolve("b.json"), Variant.SYNC_SEQUENTIAL, latencies(8, 90, 200));

    int exit = execute("compare", "--baseline", talk.toString(), "--current", current.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("run sync-sequential has no samples");
  }

  @Test
  void no_variant_in_common_is_bad_input() throws IOException {
    Path baseline =
        BenchFiles.write(folder.resolve("a.json"), Variant.SYNC_GATHERED, latencies(9, 90, 200));
    Path current =
        BenchFiles.write(
            folder.resolve("b.json"), Variant.REACTIVE_GATHERED, latencies(10, 90, 200));

    int exit =
        execute("compare", "--baseline", baseline.toString(), "--current", current.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("no variant in common", "sync-gathered", "reactive-gathered");
  }

  @Test
  void different_scenarios_give_a_warning() throws IOException {
    Path baseline =
        BenchFiles.write(folder.resolve("a.json"), Variant.SYNC_GATHERED, latencies(11, 90, 200));
    Path current =
        BenchFiles.write(
            folder.resolve("b.json"),
            dev.caas.harness.bench.BenchConfig.builder()
                .variants(Variant.SYNC_GATHERED)
                .latency(java.time.Duration.ofMillis(50))
                .build(),
            java.util.Map.of(
                Variant.SYNC_GATHERED, BenchFiles.closedLoop(latencies(12, 90, 200), 10)));

    execute("compare", "--baseline", baseline.toString(), "--current", current.toString());

    assertThat(out.toString())
        .contains(
            "> **Warning**: the scenarios differ (latency upstream 100 ms, postgres "
                + "100 ms → upstream 50 ms, postgres 50 ms)");
  }

  @Test
  void a_missing_option_is_a_usage_error() {
    assertThat(execute("compare", "--current", "b.json")).isEqualTo(2);
    assertThat(err.toString()).contains("--baseline");
  }

  private int execute(String... args) {
    CommandLine commandLine = Caas.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
