package dev.caas.harness.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

  @Test
  void one_server_waits_as_often_as_it_is_busy() {
    assertThat(ErlangC.probabilityOfWaiting(1, 0.7)).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void two_servers_offered_one_erlang_wait_a_third_of_the_time() {
    // C(2, 1) = (1/2 · 1/(1 − 1/2)) / (1 + 1 + 1/2 · 1/(1 − 1/2)) = 1 / 3.
    assertThat(ErlangC.probabilityOfWaiting(2, 1)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void a_thousand_servers_do_not_overflow() {
    double waiting = ErlangC.probabilityOfWaiting(1000, 990);
    assertThat(waiting).isBetween(0.0, 1.0).isGreaterThan(0.3);
  }
}
