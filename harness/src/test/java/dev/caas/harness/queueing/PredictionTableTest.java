package dev.caas.harness.queueing;

import static dev.caas.harness.queueing.SimulationAgreementTest.network;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant.Composition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTableTest {

  private static final VariantNetwork SYNC =
      network(Composition.SEQUENTIAL, 100, 100).serverThreads(32).dbPool(20).build();

  @Test
  void prints_one_row_per_load_and_the_ceilings_under_them() {
    String table = PredictionTable.render(SYNC.curve(List.of(10, 1000)));
    var lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("C", "X/s", "mean ms", "p50 ms", "p99 ms", "bottleneck", "U");
    assertThat(lines.get(1)).contains("10", "33.3", "300.0", "database pool", "0.33");
    assertThat(lines.get(2)).contains("1000", "database pool");
    assertThat(lines.get(3))
        .startsWith("ceilings:")
        .contains("database pool 100.0/s = 20 / (2 × 100.0 ms)")
        .contains("server threads 106.7/s = 32 / 300.0 ms")
        .doesNotContain("clients");
  }

  @Test
  void an_open_loop_names_its_rate_and_says_when_it_is_overloaded() {
    String table = PredictionTable.render(List.of(SYNC.prediction(50.0), SYNC.prediction(150.0)));
    var lines = table.lines().toList();
    assertThat(lines.get(0)).contains("λ/s");
    assertThat(lines.get(1)).contains("50.0").doesNotContain("overloaded");
    assertThat(lines.get(2)).contains("150.0", "∞", "overloaded");
  }
}
