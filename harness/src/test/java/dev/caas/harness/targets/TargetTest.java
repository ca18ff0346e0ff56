package dev.caas.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.ServerTiming;
import dev.caas.contract.ServerTiming.Metric;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.load.Sample;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the harness reads off a target it did not start: its address and name, its composition. */
class TargetTest {

  @Test
  void a_target_is_a_url_with_an_optional_name() {
    assertThat(Target.parse("http://198.18.0.2:8080=flask"))
        .isEqualTo(new Target(URI.create("http://198.18.0.2:8080"), "flask"));
    Target unnamed = Target.parse("http://198.18.0.2:8080");
    assertThat(unnamed.name()).isNull();
    assertThat(unnamed.label()).isEqualTo("198.18.0.2:8080");
    assertThat(unnamed.namedIfUnnamed("quart-gathered").label()).isEqualTo("quart-gathered");
    assertThat(Target.parse("http://h:1=mine").namedIfUnnamed("theirs").label()).isEqualTo("mine");
  }

  @Test
  void a_target_that_is_not_an_http_url_is_refused() {
    assertThatThrownBy(() -> Target.parse("198.18.0.2:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--target http://HOST:PORT[=NAME]");
  }

  @Test
  void the_name_step_starting_after_billing_ended_is_sequential_and_overlapping_is_gathered() {
    var sequential = answer(new Metric("billing", 1.0, 0.8), new Metric("name", 1.8, 0.7));
    var gathered = answer(new Metric("billing", 1.0, 0.8), new Metric("name", 1.1, 0.7));
    assertThat(TargetBench.compositionOf(List.of(sequential, sequential, gathered)))
        .isEqualTo(Composition.SEQUENTIAL);
    assertThat(TargetBench.compositionOf(List.of(gathered, gathered, sequential)))
        .isEqualTo(Composition.GATHERED);
  }

  @Test
  void a_target_without_server_timing_is_not_guessed_at() {
    var bare = new Sample(0, 0, 0, 1_000_000, 200, 10, "a.jpg", null, null);
    assertThatThrownBy(() -> TargetBench.compositionOf(List.of(bare)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Server-Timing");
  }

  private static Sample answer(Metric billing, Metric name) {
    String timing =
        ServerTiming.format(List.of(new Metric("upstream", 0, 1.0), billing, name), 2.6);
    return new Sample(0, 0, 0, 3_000_000, 200, 10, "a.jpg", timing, null);
  }
}
