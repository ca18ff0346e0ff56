package dev.caas.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFilesTest {

  @Test
  void two_thousand_connections_with_the_embedded_testbed_need_about_nine_thousand_open_files() {
    assertThat(Bench.openFilesNeeded(2000)).isEqualTo(9_000);
  }

  @Test
  void a_limit_below_the_need_is_warned_about_with_what_to_do() {
    assertThat(Bench.openFilesWarning(2000, 4096))
        .hasValueSatisfying(
            warning ->
                assertThat(warning)
                    .contains("may open 4096 files", "about 9000", "ulimit -n", "--concurrency"));
    assertThat(Bench.openFilesWarning(2000, 20_000)).isEmpty();
    assertThat(Bench.openFilesWarning(2000, -1)).as("unknown").isEmpty();
  }

  @Test
  void this_jvm_knows_its_own_limit_on_unix() {
    if (System.getProperty("os.name").toLowerCase().contains("linux")) {
      assertThat(Bench.openFilesLimit()).isPositive();
    }
  }
}
