package dev.caas.harness.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Load;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthWaitTest {
  private static final Load BUSY = new Load(3, 2, 18, 1, 2);
  private static final Load IDLE = new Load(0, 0, 20, 0, 0);

  @Test
  void waits_until_the_variant_reports_what_was_waited_for() {
    Iterator<Load> readings = List.of(BUSY, BUSY, IDLE).iterator();

    HealthWait settled =
        HealthWait.await(
            () -> Optional.of(readings.next()), HealthWait.idle(20), Duration.ofSeconds(5));

    assertThat(settled.outcome()).isEqualTo(HealthWait.Outcome.SETTLED);
    assertThat(settled.last()).isEqualTo(IDLE);
    assertThat(settled.failed()).isFalse();
    assertThat(settled.millis()).isBetween(2 * HealthWait.POLL_INTERVAL.toMillis() - 5, 2_000L);
  }

  @Test
  void gives_up_after_the_timeout_and_says_what_was_still_busy() {
    HealthWait settled =
        HealthWait.await(() -> Optional.of(BUSY), HealthWait.compensated(), Duration.ofMillis(100));

    assertThat(settled.outcome()).isEqualTo(HealthWait.Outcome.STILL_BUSY);
    assertThat(settled.failed()).isTrue();
    assertThat(settled.describe())
        .startsWith("still busy after 1")
        .endsWith("2 compensations pending");
    assertThat(settled.cell()).startsWith("NO after");
  }

  @Test
  void a_variant_whose_health_has_no_load_is_reported_as_such_and_not_failed() {
    HealthWait settled =
        HealthWait.await(Optional::empty, HealthWait.compensated(), Duration.ofSeconds(5));

    assertThat(settled.outcome()).isEqualTo(HealthWait.Outcome.NOT_REPORTED);
    assertThat(settled.failed()).isFalse();
    assertThat(settled.cell()).isEqualTo("load not reported");
  }

  @Test
  void a_silent_health_endpoint_fails() {
    HealthWait settled =
        HealthWait.await(
            () -> {
              throw new IllegalStateException("connection refused");
            },
            HealthWait.compensated(),
            Duration.ofSeconds(5));

    assertThat(settled.outcome()).isEqualTo(HealthWait.Outcome.NO_ANSWER);
    assertThat(settled.failed()).isTrue();
  }

  @Test
  void
      idle_means_every_connection_back_in_the_pool_or_none_lent_out_when_the_pool_size_is_unknown() {
    var oneConnectionStillOpening = new Load(0, 0, 19, 0, 0);

    assertThat(HealthWait.idle(20).test(oneConnectionStillOpening)).isFalse();
    assertThat(HealthWait.idle(null).test(oneConnectionStillOpening)).isTrue();
    assertThat(HealthWait.idle(null).test(new Load(0, 0, 19, 0, 1))).isFalse();
  }
}
