package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostMeterTest {

  /**
   * Flags that keep the child's own background CPU (JIT, GC threads) small beside what it burns.
   */
  private static final String[] QUIET = {"-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

  @Test
  void counts_the_cpu_time_burned_inside_the_window_and_not_before_and_the_open_files()
      throws Exception {
    try (var child = ChildJvm.start(QUIET)) {
      var meter = CostMeter.watching(List.of(MeteredProcess.of("child", child.pid())));
      child.send("burn 300");

      meter.start();
      child.send("burn 300");
      var costs = meter.stop();

      // The kernel counts in 10 ms ticks; above, the child's JIT and GC threads add a little.
      assertThat(costs.process("child").cpuMillis()).isBetween(270L, 600L);
      assertThat(costs.process("child").cpuMillisPerRequest(3))
          .isEqualTo(costs.process("child").cpuMillis() / 3.0);
      // The whole machine was busy at least as long as the child burned, the child's JIT included.
      assertThat(costs.machineCpuMillis()).isGreaterThanOrEqualTo(270L);
      assertThat(costs.machineCpuMillisWithoutJit())
          .isEqualTo(costs.machineCpuMillis() - costs.process("child").jitCpuMillis());

      var before = meter.snapshot().getFirst();
      child.send("files 100");
      var after = meter.snapshot().getFirst();

      assertThat(after.openFiles() - before.openFiles()).isEqualTo(100);
      assertThat(after.openFilesSoftLimit()).isPositive();
      assertThat(after.openFilesHeadroom())
          .isEqualTo(after.openFilesSoftLimit() - after.openFiles());
      assertThat(after.threads()).isGreaterThan(1);
      assertThat(after.residentBytes()).isGreaterThan(after.privateResidentBytes()).isPositive();
    }
  }

  @Test
  void a_tree_counts_the_cpu_of_its_descendants_and_a_single_process_does_not() throws Exception {
    try (var child = ChildJvm.startUnderShell(QUIET)) {
      var meter =
          CostMeter.watching(
              List.of(
                  MeteredProcess.of("shell alone", child.pid()),
                  MeteredProcess.tree("shell and its jvm", child.pid())));

      meter.start();
      child.send("burn 300");
      var costs = meter.stop();

      assertThat(costs.process("shell alone").cpuMillis()).isLessThan(50L);
      assertThat(costs.process("shell and its jvm").cpuMillis()).isBetween(270L, 600L);
      assertThat(costs.process("shell and its jvm").end().processes()).isEqualTo(2);
    }
  }

  @Test
  void json_fields_leave_out_per_request_figures_when_no_request_was_served() throws Exception {
    var meter = CostMeter.watching(List.of(MeteredProcess.self("generator")));
    meter.start();
    var costs = meter.stop();

    assertThat(costs.process("generator").toJsonFields(0))
        .containsKeys("cpuMs", "rssBytesEnd", "threadsEnd", "openFilesEnd")
        .doesNotContainKey("cpuMsPerRequest");
    assertThat(costs.toJsonFields(10)).containsKeys("requests", "cpuMsPerRequest", "processes");
  }
}
