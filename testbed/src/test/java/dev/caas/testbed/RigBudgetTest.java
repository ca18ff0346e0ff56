package dev.caas.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.testbed.RigBudget.BudgetDemand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RigBudgetTest {
  /** This machine's figures: a hard limit of 20,000 open files and Linux's default port range. */
  private static final RigLimits LIMITS = new RigLimits(20_000, 28_232, 200);

  private static final TestbedLayout IN_PROCESS =
      TestbedLayout.planned(ProcessLayout.IN_PROCESS, List.of("127.0.0.1"));
  private static final TestbedLayout SEPARATE =
      TestbedLayout.planned(ProcessLayout.SEPARATE_PROCESSES, List.of("127.0.0.1"));

  @Test
  void nine_thousand_in_flight_do_not_fit_one_process_hosting_generator_proxy_and_upstream() {
    RigBudget budget = RigBudget.check(BudgetDemand.of(9_000, 20), IN_PROCESS, LIMITS);

    assertThat(budget.fits()).isFalse();
    // 9,000 + (2 × 9,000 + 2 × 20 + 3) + (9,000 + 1) = 36,044
    assertThat(budget.refusal())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("harness process (generator + proxy + upstream) open files")
                    .contains("= 36,044 > 19,800 (20,000 − 200 reserve)"));
  }

  @Test
  void nine_thousand_in_flight_fit_when_proxy_and_upstream_have_processes_of_their_own() {
    RigBudget budget = RigBudget.check(BudgetDemand.of(9_000, 20), SEPARATE, LIMITS);

    assertThat(budget.fits()).as(budget.describe()).isTrue();
    assertThat(budget.refusal()).isEmpty();
    assertThat(budget.describe())
        .contains(
            "proxy process open files: 2 sockets × 9,000 upstream connections + 2 × 20 database"
                + " connections + 3 listeners = 18,043 ≤ 19,800");
  }

  @Test
  void the_proxy_process_is_the_first_to_run_out_of_open_files() {
    // 2 × 9,900 + 2 × 20 + 3 = 19,843 > 19,800, while the upstream needs only 9,901.
    RigBudget budget = RigBudget.check(BudgetDemand.of(9_900, 20), SEPARATE, LIMITS);

    assertThat(budget.refusal())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("does not fit: proxy process open files")
                    .contains("= 19,843 > 19,800")
                    .doesNotContain("upstream process"));
  }

  @Test
  void more_source_addresses_give_the_proxy_more_ports_towards_the_upstream() {
    var roomy = new RigLimits(1_000_000, 28_232, 200);
    var demand = BudgetDemand.of(40_000, 20);

    RigBudget oneAddress = RigBudget.check(demand, SEPARATE, roomy);
    RigBudget twoAddresses =
        RigBudget.check(
            demand,
            TestbedLayout.planned(
                ProcessLayout.SEPARATE_PROCESSES, List.of("127.0.0.1", "127.0.0.2")),
            roomy);

    assertThat(lineAbout(oneAddress, "ports, proxy → upstream").fits()).isFalse();
    assertThat(lineAbout(twoAddresses, "ports, proxy → upstream").describe())
        .contains("⌈40,000 connections / 2 source addresses⌉ = 20,000 ≤ 28,232");
  }

  @Test
  void a_variant_with_a_capped_upstream_pool_needs_fewer_sockets_everywhere_behind_it() {
    RigBudget capped = RigBudget.check(new BudgetDemand(9_900, 1_000, 20), SEPARATE, LIMITS);

    assertThat(capped.fits()).as(capped.describe()).isTrue();
  }

  @Test
  void limits_are_read_from_proc_files(@TempDir Path dir) throws IOException {
    Path limits = dir.resolve("limits");
    Files.writeString(
        limits,
        """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             unlimited            unlimited            processes
        Max open files            20000                20000                files
        """);
    Path range = dir.resolve("ip_local_port_range");
    Files.writeString(range, "32768\t60999\n");

    assertThat(RigLimits.readOpenFilesLimit(limits)).hasValue(20_000L);
    assertThat(RigLimits.readPortRange(range)).hasValue(28_232);
    assertThat(RigLimits.readOpenFilesLimit(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void this_machines_port_range_is_read_from_proc_itself() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    assumeTrue(Files.isReadable(range), "no " + range + " here (not Linux)");

    // A file of /proc reports size 0: read as a regular file, it came back as "3".
    assertThat(RigLimits.readPortRange(range))
        .hasValueSatisfying(ports -> assertThat(ports).isPositive());
  }

  private static RigBudget.Line lineAbout(RigBudget budget, String what) {
    return budget.lines().stream()
        .filter(line -> line.what().equals(what))
        .findFirst()
        .orElseThrow();
  }
}
