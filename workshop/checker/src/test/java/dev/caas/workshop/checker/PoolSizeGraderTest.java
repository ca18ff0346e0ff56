package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caas.harness.variant.VariantJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The arithmetic behind size-the-pool, from the harness's own theory. */
class PoolSizeGraderTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();

  @Test
  void four_connections_cap_loom_gathered_at_twenty_a_second_however_many_clients_wait() {
    var theory = PoolSizeGrader.theory(PoolSizeGrader.GIVEN_POOL);
    assertThat(theory.throughputRps()).isCloseTo(20, within(0.01));
    assertThat(theory.bottleneck()).isEqualTo("database pool");
    assertThat(theory.medianMs()).isCloseTo(1000, within(0.1));
  }

  @Test
  void fourteen_connections_are_the_fewest_that_keep_twenty_clients_under_300_ms() {
    assertThat(PoolSizeGrader.smallestPool()).isEqualTo(14);
    assertThat(PoolSizeGrader.theory(13).medianMs()).isGreaterThan(PoolSizeGrader.TARGET_MS);
  }

  @Test
  void the_starter_answer_is_readable_and_wrong_and_the_reference_answer_right() throws Exception {
    var starter = PoolSizeGrader.Answer.read(Exercise.SIZE_THE_POOL.answer(ROOT));
    assertThat(starter.ceilingRps()).isNotCloseTo(20, within(2.0));
    assertThat(starter.poolSize()).isLessThan(PoolSizeGrader.smallestPool());
    var reference =
        PoolSizeGrader.Answer.read(Path.of("src/test/resources/size-the-pool/answer.properties"));
    assertThat(reference).isEqualTo(new PoolSizeGrader.Answer(20, 14));
  }
}
