package dev.caas.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.upstream.DogUpstreamMain.Options;
import org.junit.jupiter.api.Test;

class DogUpstreamMainTest {
  @Test
  void defaults_to_loopback_port_9000_seed_42() {
    assertThat(Options.parse(new String[0])).isEqualTo(new Options("127.0.0.1", 9000, 42, false));
  }

  @Test
  void reads_host_port_and_seed_in_either_spelling() {
    assertThat(Options.parse(new String[] {"--host", "0.0.0.0", "--port=0", "--seed", "-5"}))
        .isEqualTo(new Options("0.0.0.0", 0, -5, false));
  }

  @Test
  void help_wins_over_everything_else() {
    assertThat(Options.parse(new String[] {"--port", "1", "--help"}).help()).isTrue();
  }

  @Test
  void names_the_option_that_is_wrong() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "many"}))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "70000"}))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> Options.parse(new String[] {"--colour", "blue"}))
        .hasMessageContaining("--colour");
    assertThatThrownBy(() -> Options.parse(new String[] {"--seed"})).hasMessageContaining("--seed");
  }

  @Test
  void usage_lists_every_fault() {
    for (UpstreamFault fault : UpstreamFault.values()) {
      assertThat(DogUpstreamMain.USAGE).contains(fault.name());
    }
  }
}
