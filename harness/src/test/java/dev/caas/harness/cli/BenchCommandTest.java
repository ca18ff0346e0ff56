package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.testbed.Fault;
import dev.caas.testbed.ProcessLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void caas_help_lists_the_subcommands() {
    int exit = execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("bench", "help");
  }

  @Test
  void bench_help_shows_examples() {
    int exit = execute("bench", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Examples:", "--latency 15s", "--variant", "--concurrency");
  }

  @Test
  void the_defaults_are_the_talk_at_a_hundred_milliseconds() {
    BenchConfig config = parse();

    assertThat(config.variants()).containsExactly(Variant.values());
    assertThat(config.requireJars()).isFalse();
    assertThat(config.requests()).isEqualTo(90);
    assertThat(config.concurrency()).isEqualTo(10);
    assertThat(config.upstreamLatency()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.dbLatency()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.workload()).isEqualTo(new ClosedLoop(10, 90));
  }

  @Test
  void per_proxy_latency_overrides_the_common_one() {
    BenchConfig config = parse("--latency", "15s", "--db-latency", "250ms", "--jitter", "5ms");

    assertThat(config.upstreamLatency()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.dbLatency()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.upstreamJitter()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.dbJitter()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void jitter_can_differ_per_proxy() {
    BenchConfig config =
        parse(
            "--upstream-latency",
            "200ms",
            "--upstream-jitter",
            "50ms",
            "--db-latency",
            "20ms",
            "--db-jitter",
            "5ms");

    assertThat(config.latency())
        .isEqualTo(
            new InjectedLatency(
                Duration.ofMillis(200),
                Duration.ofMillis(50),
                Duration.ofMillis(20),
                Duration.ofMillis(5)));
  }

  @Test
  void the_issues_concurrency_sweep_parses_into_seven_points_on_the_upstream_only() {
    BenchConfig config =
        parse(
            "--scenario",
            "concurrency-sweep",
            "--flavour",
            "upstream-only",
            "--concurrency-list",
            "1,10,50,100,200,500,1000",
            "--repeat",
            "2");

    assertThat(config.scenario()).isEqualTo(Scenario.CONCURRENCY_SWEEP);
    assertThat(config.repeat()).isEqualTo(2);
    assertThat(config.points())
        .extracting(ScenarioPoint::concurrency)
        .containsExactly(1, 10, 50, 100, 200, 500, 1000);
    assertThat(config.points())
        .allSatisfy(point -> assertThat(point.latency().postgres()).isZero());
  }

  @Test
  void a_latency_sweep_takes_its_list() {
    BenchConfig config = parse("--scenario", "latency-sweep", "--latency-list", "0ms,20ms,1s");

    assertThat(config.points())
        .extracting(point -> point.latency().upstream())
        .containsExactly(Duration.ZERO, Duration.ofMillis(20), Duration.ofSeconds(1));
  }

  @Test
  void a_concurrency_sweep_with_a_rate_is_refused() {
    int exit = execute("bench", "--scenario", "concurrency-sweep", "--rate", "50", "--quiet");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("a concurrency sweep is a closed loop");
  }

  @Test
  void every_subcommand_has_examples_in_its_help() {
    for (String subcommand : new String[] {"bench", "calibrate"}) {
      out.getBuffer().setLength(0);

      assertThat(execute(subcommand, "--help")).isZero();
      assertThat(out.toString()).as(subcommand).contains("Examples:", "caas " + subcommand);
    }
    out.getBuffer().setLength(0);
    execute("--help");
    assertThat(out.toString()).contains("calibrate", "Examples:");
  }

  @Test
  void named_variants_must_have_their_jars() {
    BenchConfig config =
        parse(
            "--variant",
            "sync-gathered,loom-sequential",
            "--server-threads",
            "8",
            "--jvm-arg=-Xmx256m");

    assertThat(config.variants()).containsExactly(Variant.SYNC_GATHERED, Variant.LOOM_SEQUENTIAL);
    assertThat(config.requireJars()).isTrue();
    assertThat(config.serverThreads()).isEqualTo(8);
    assertThat(config.jvmArgs()).containsExactly("-Xmx256m");
  }

  @Test
  void a_rate_makes_it_an_open_loop() {
    assertThat(parse("--rate", "50", "--requests", "500").workload())
        .isEqualTo(new OpenLoop(50, 500, 10));
  }

  @Test
  void an_unknown_variant_is_a_usage_error() {
    int exit = execute("bench", "--variant", "sync-parallel");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown variant 'sync-parallel'");
  }

  @Test
  void without_any_built_jar_nothing_runs_and_every_skip_is_explained(@TempDir Path folder)
      throws Exception {
    // The project's calibration must not leak in: --jars names a folder with none.
    Path results = folder.resolve("results");

    int exit =
        execute("bench", "--quiet", "--jars", folder.toString(), "--out", results.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains("sync-sequential (skipped): no jar at", "loom-gathered (skipped)");
    assertThat(Files.readString(results.resolve("results.md"))).contains("## Not run");
    assertThat(Files.readString(results.resolve("results.json"))).contains("\"not_run\"");
    assertThat(Files.readString(results.resolve("report.html")))
        .contains("<h2>Not run</h2>", "not calibrated");
  }

  @Test
  void fault_all_runs_the_whole_catalogue_with_a_short_deadline_few_clients_and_little_latency() {
    BenchConfig config = parse("--fault", "all");

    assertThat(config.scenario()).isEqualTo(Scenario.FAULTS);
    assertThat(config.faults()).containsExactly(Fault.values());
    assertThat(config.concurrency()).isEqualTo(4);
    assertThat(config.latency()).isEqualTo(InjectedLatency.both(Duration.ofMillis(20)));
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.warmup()).isEqualTo(100);
    assertThat(config.faultLoad()).isEqualTo(new FaultPhases(4, Duration.ofMillis(1200)));
  }

  @Test
  void a_fault_list_keeps_its_order_and_the_options_given_win_over_the_fault_defaults() {
    BenchConfig config =
        parse(
            "--fault",
            "postgres-down,upstream-timeout",
            "--deadline",
            "2s",
            "-c",
            "8",
            "--latency",
            "50ms");

    assertThat(config.faults()).containsExactly(Fault.POSTGRES_DOWN, Fault.UPSTREAM_TIMEOUT);
    assertThat(config.concurrency()).isEqualTo(8);
    assertThat(config.dbLatency()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(2));
    // Each phase outlasts the deadline, so requests sent during the fault reach it before the fault
    // is healed.
    assertThat(config.faultLoad().phase()).isEqualTo(Duration.ofMillis(2200));
  }

  @Test
  void the_faults_scenario_without_a_list_means_all_of_them() {
    assertThat(parse("--scenario", "faults").faults()).containsExactly(Fault.values());
  }

  @Test
  void an_unknown_fault_is_a_usage_error_that_names_the_catalogue() {
    int exit = execute("bench", "--fault", "postgres-slow", "--quiet");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown fault 'postgres-slow'", "postgres-down", "dog-table-locked");
  }

  @Test
  void a_fault_with_another_scenario_is_refused() {
    int exit = execute("bench", "--fault", "all", "--scenario", "overload", "--quiet");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--fault runs the faults scenario");
  }

  @Test
  void bench_help_lists_every_fault_with_what_it_does_and_what_it_expects() {
    assertThat(execute("bench", "--help")).isZero();

    for (Fault fault : Fault.values()) {
      assertThat(out.toString()).contains(fault.wireName() + " ").contains(fault.description());
    }
    assertThat(out.toString()).contains("expects 503/504 on billing/name", "--fault", "--queue");
    assertThat(err.toString()).doesNotContain("Could not format");
  }

  @Test
  void
      the_overload_preset_sends_two_thousand_requests_at_once_at_two_hundred_milliseconds_with_a_pool_of_a_hundred() {
    BenchConfig config =
        parse("--scenario", "overload", "--variant", "sync-gathered", "--queue", "100");

    assertThat(config.workload()).isEqualTo(new ClosedLoop(2000, 2000));
    assertThat(config.latency()).isEqualTo(InjectedLatency.both(Duration.ofMillis(200)));
    assertThat(config.dbPool()).isEqualTo(100);
    assertThat(config.queue()).isEqualTo(100);
    assertThat(config.deadline()).isNull();
  }

  @Test
  void separate_processes_give_the_proxy_and_the_upstream_a_jvm_each_and_only_when_embedded() {
    assertThat(parse().testbed().processes()).isEqualTo(ProcessLayout.IN_PROCESS);
    assertThat(parse("--separate-processes", "--backend", "embedded").testbed().processes())
        .isEqualTo(ProcessLayout.SEPARATE_PROCESSES);
    assertThatThrownBy(
            () ->
                parse(
                    "--separate-processes",
                    "--backend",
                    "external",
                    "--db-url",
                    "jdbc:postgresql://127.0.0.1:5432/postgres",
                    "--toxiproxy-url",
                    "http://127.0.0.1:8474"))
        .hasMessageContaining("--separate-processes");
  }

  @Test
  void more_clients_than_the_talks_ninety_requests_send_one_request_each() {
    assertThat(parse("--concurrency", "2000", "--latency", "200ms").workload())
        .isEqualTo(new ClosedLoop(2000, 2000));
    assertThat(parse("-c", "100", "-n", "1000").workload()).isEqualTo(new ClosedLoop(100, 1000));
  }

  private BenchConfig parse(String... args) {
    var command = new BenchCommand();
    var commandLine = new CommandLine(command);
    commandLine.registerConverter(Duration.class, dev.caas.contract.VariantOptions::parseDuration);
    commandLine.parseArgs(args);
    return command.config();
  }

  private int execute(String... args) {
    CommandLine commandLine = Caas.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
