package dev.caas.harness.theory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.cli.Caas;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictedScenarioTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void the_assumed_limits_are_the_contract_defaults_with_each_models_own_rules() {
    assertThat(PredictedScenario.assumedLimits(Variant.SYNC_SEQUENTIAL, null, null))
        .isEqualTo(new Limits(32, 20, null, null));
    assertThat(PredictedScenario.assumedLimits(Variant.SYNC_GATHERED, 10, 16))
        .isEqualTo(new Limits(16, 10, null, 32));
    assertThat(PredictedScenario.assumedLimits(Variant.REACTIVE_GATHERED, null, 16))
        .isEqualTo(new Limits(null, 20, 1000, null));
    assertThat(PredictedScenario.assumedLimits(Variant.LOOM_GATHERED, 50, null))
        .isEqualTo(new Limits(null, 50, null, null));
  }

  @Test
  void predict_only_prints_the_table_for_every_variant_without_starting_anything(
      @TempDir Path empty) throws IOException {
    // No jars, and a backend nobody listens on: had anything been started, it would have failed.
    int exit =
        execute(
            "bench",
            "--predict-only",
            "--scenario",
            "concurrency-sweep",
            "--flavour",
            "both",
            "--jars",
            empty.toString(),
            "--backend",
            "external",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:9/nobody",
            "--toxiproxy-url",
            "http://127.0.0.1:9");

    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    String table = out.toString();
    assertThat(table)
        .startsWith("Predicted by the queueing model (nothing was run")
        .doesNotContain("skipped", "no jar");
    for (Variant variant : Variant.values()) {
      assertThat(table).contains(System.lineSeparator() + variant.wireName() + ": ");
    }
    // Seven points per variant, each a row; the pool of 20 at 2 × 100 ms is everyone's ceiling.
    assertThat(table.lines().filter(line -> line.matches(" +1000 .*database pool.*"))).hasSize(6);
    assertThat(table.lines().filter(line -> line.startsWith("ceilings:")))
        .hasSize(6)
        .allMatch(line -> line.contains("database pool 100.0/s = 20 / (2 × 100.0 ms)"));
    try (Stream<Path> files = Files.list(empty)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void the_options_of_the_command_line_reach_the_prediction() {
    int exit =
        execute(
            "bench",
            "--predict-only",
            "--variant",
            "sync-gathered",
            "--db-pool",
            "10",
            "--server-threads",
            "16",
            "--cpu-demand",
            "5ms",
            "-c",
            "40",
            "-n",
            "400");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "sync-gathered: server threads 16, db pool 10, upstream connections unbounded,"
                + " executor threads 32; CPU 5.0 ms (--cpu-demand) per request",
            "latency upstream 100 ms, postgres 100 ms")
        .containsPattern(" +40 +[0-9.]+ .*database pool");
  }

  @Test
  void a_latency_sweep_gets_one_table_per_injected_latency() {
    int exit =
        execute(
            "bench", "--predict-only", "--variant", "loom-gathered", "--scenario", "latency-sweep");

    assertThat(exit).isZero();
    assertThat(out.toString().lines().filter(line -> line.startsWith("latency "))).hasSize(5);
  }

  @Test
  void the_overloads_burst_is_left_out_and_said_so() {
    int exit =
        execute("bench", "--predict-only", "--variant", "loom-gathered", "--scenario", "overload");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("1 point(s) left out: a burst");
  }

  private int execute(String... args) {
    CommandLine commandLine = Caas.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
