package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.VariantOptions;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.testbed.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A scenario owns its defaults: the config built from the command line and the one built in code
 * measure the same thing, and neither silently runs the talk's load under another scenario's name.
 */
class ScenarioDefaultsTest {

  static List<Scenario> scenarios() {
    return Scenario.all();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void the_command_line_and_the_builder_give_a_scenario_the_same_defaults(Scenario scenario) {
    BenchConfig fromCommandLine = parse("--scenario", scenario.wireName());
    BenchConfig fromBuilder = BenchConfig.builder().scenario(scenario).build();

    assertThat(fromBuilder.concurrency()).isEqualTo(scenario.defaults().clients());
    assertThat(fromBuilder.warmup()).isEqualTo(scenario.defaults().warmup());
    assertThat(fromBuilder.dbPool()).isEqualTo(scenario.defaults().dbPool());
    assertThat(fromBuilder.latency())
        .isEqualTo(InjectedLatency.both(scenario.defaults().latency()));
    for (BenchConfig config : List.of(fromCommandLine, fromBuilder)) {
      assertThat(config.scenario()).isEqualTo(scenario);
    }
    assertThat(fromBuilder.points()).isEqualTo(fromCommandLine.points());
    assertThat(fromBuilder.concurrency()).isEqualTo(fromCommandLine.concurrency());
    assertThat(fromBuilder.requests()).isEqualTo(fromCommandLine.requests());
    assertThat(fromBuilder.warmup()).isEqualTo(fromCommandLine.warmup());
    assertThat(fromBuilder.dbPool()).isEqualTo(fromCommandLine.dbPool());
    assertThat(fromBuilder.deadline()).isEqualTo(fromCommandLine.deadline());
    assertThat(fromBuilder.flavour()).isEqualTo(fromCommandLine.flavour());
    assertThat(fromBuilder.requestTimeout()).isEqualTo(fromCommandLine.requestTimeout());
  }

  @Test
  void the_builder_with_the_overload_scenario_sends_two_thousand_clients_not_the_talks_ten() {
    BenchConfig config = BenchConfig.builder().scenario(Scenario.OVERLOAD).build();

    assertThat(config.concurrency()).isEqualTo(2000);
    assertThat(config.requests()).isEqualTo(2000);
    assertThat(config.latency()).isEqualTo(InjectedLatency.both(Duration.ofMillis(200)));
    assertThat(config.dbPool()).isEqualTo(100);
  }

  @Test
  void what_is_set_wins_over_the_scenarios_default_whichever_order_the_setters_come_in() {
    BenchConfig clientsFirst =
        BenchConfig.builder().concurrency(8).faults(Fault.POSTGRES_DOWN).build();
    BenchConfig clientsLast =
        BenchConfig.builder().faults(Fault.POSTGRES_DOWN).concurrency(8).build();

    assertThat(clientsFirst.concurrency()).isEqualTo(8);
    assertThat(clientsLast).isEqualTo(clientsFirst);
    assertThat(clientsFirst.deadline()).isEqualTo(Duration.ofSeconds(1));
    assertThat(clientsFirst.latency()).isEqualTo(InjectedLatency.both(Duration.ofMillis(20)));
  }

  @Test
  void a_sweeps_own_settings_apply_whichever_order_the_setters_come_in() {
    BenchConfig clientsFirst =
        BenchConfig.builder()
            .concurrencies(List.of(3, 30))
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .build();
    BenchConfig clientsLast =
        BenchConfig.builder()
            .scenario(Scenario.CONCURRENCY_SWEEP)
            .concurrencies(List.of(3, 30))
            .build();

    assertThat(clientsLast).isEqualTo(clientsFirst);
    assertThat(clientsFirst.scenario())
        .isEqualTo(
            new Scenario.ConcurrencySweep(List.of(3, 30), Scenario.Flavour.UPSTREAM_ONLY, 10));
    assertThat(parse("--scenario", "concurrency-sweep", "--concurrency-list", "3,30"))
        .isEqualTo(clientsFirst);
  }

  private static BenchConfig parse(String... args) {
    var command = new BenchCommand();
    var commandLine = new CommandLine(command);
    commandLine.registerConverter(Duration.class, VariantOptions::parseDuration);
    commandLine.parseArgs(args);
    return command.config();
  }
}
