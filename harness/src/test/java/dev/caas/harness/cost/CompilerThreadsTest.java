package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerThreadsTest {

  @Test
  void a_jvm_that_ran_code_has_spent_cpu_in_its_compiler_threads_and_less_than_in_all_its_threads()
      throws Exception {
    long pid = ProcessHandle.current().pid();
    // enough work for C1 and C2 to compile something
    long sink = 0;
    for (int i = 0; i < 5_000_000; i++) {
      sink += Integer.toString(i).hashCode();
    }
    assertThat(sink).isNotZero();
    long compilers = CompilerThreads.cpuMillis(pid);
    long whole = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();

    assertThat(compilers).isPositive().isLessThan(whole);
  }

  @Test
  void a_process_that_is_gone_has_no_compiler_time() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertThat(CompilerThreads.cpuMillis(gone.pid())).isZero();
  }
}
