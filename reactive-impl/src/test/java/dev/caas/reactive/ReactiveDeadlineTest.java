package dev.caas.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.testbed.Fault;
import dev.caas.testbed.ProxyNames;
import dev.caas.testbed.Testbed;
import dev.caas.testkit.DogClient;
import dev.caas.testkit.SharedTestbed;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reactive variant's deadline and compensation, beyond what the fault contract checks: one
 * deadline is the budget of all three steps together, and a billing to undo survives a database
 * that is away for a while.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveDeadlineTest {
  private static final Duration DEADLINE = Duration.ofMillis(500);
  private static final Duration GRACE = Duration.ofMillis(50);
  private static final Duration LATENCY = Duration.ofMillis(300);

  private Testbed testbed;
  private ConfigurableApplicationContext app;
  private DogClient client;
  private int blockedBefore;

  @BeforeAll
  void startVariant() throws Exception {
    testbed = SharedTestbed.get();
    blockedBefore = BlockingCalls.count();
    app = DogApp.start(SharedTestbed.optionsFor(Variant.REACTIVE_SEQUENTIAL, DEADLINE));
    client =
        new DogClient(
            SharedTestbed.urlOf(new dev.caas.testkit.RunningVariant(DogApp.port(app), () -> {})));
    client.photos(8, 4);
  }

  @AfterAll
  void stopVariant() {
    app.close();
    BlockingCalls.assertNoneSince(blockedBefore);
  }

  @AfterEach
  void healAndSettle() throws Exception {
    testbed.proxy(ProxyNames.POSTGRES).enable();
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    await(() -> load().idle(20), Duration.ofSeconds(15), "idle again");
  }

  @Test
  void one_deadline_is_the_budget_of_all_steps_not_of_each() throws Exception {
    testbed.clearBilling();
    // Each step alone (300 ms) fits in the deadline (500 ms); the request, 900 ms, does not.
    testbed.setLatency(LATENCY, LATENCY);
    var answer = client.photo();
    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.text())
        .contains("\"step\":\"billing\"", "deadline of 500 ms passed during step billing");
    // The work stops a little before the deadline (5 % of it here), so that the answer arrives by
    // it.
    double earliest = DEADLINE.toMillis() * 0.95;
    assertThat(answer.millis()).isBetween(earliest, (double) DEADLINE.plus(GRACE).toMillis());
    // the insert reached the database before the deadline: it is deleted again, in the background
    await(() -> compensationsPending() == 0, Duration.ofSeconds(10), "compensations done");
    assertThat(testbed.billedTotal()).isZero();
  }

  @Test
  void a_request_that_fails_after_billing_is_answered_at_once_and_unbilled_in_the_background()
      throws Exception {
    testbed.clearBilling();
    try (var locked = Fault.DOG_TABLE_LOCKED.injectInto(testbed, DEADLINE)) {
      var answer = client.photo();
      assertThat(answer.status()).isEqualTo(504);
      assertThat(answer.text()).contains("\"step\":\"name\"");
      assertThat(answer.millis()).isLessThanOrEqualTo((double) DEADLINE.plus(GRACE).toMillis());
      await(() -> compensationsPending() == 0, Duration.ofSeconds(10), "compensations done");
      assertThat(testbed.billedTotal()).isZero();
    }
  }

  @Test
  void an_undo_waits_for_a_database_that_is_down_and_loses_nothing() throws Exception {
    testbed.clearBilling();
    var served = client.photo();
    assertThat(served.status()).isEqualTo(200);
    assertThat(testbed.billedTotal()).isEqualTo(1);
    var compensations = app.getBean(Compensations.class);

    testbed.proxy(ProxyNames.POSTGRES).disable();
    compensations.undo(UUID.fromString(served.header(DogHeaders.X_REQUEST_ID)));
    Thread.sleep(1_500);
    assertThat(compensations.pending()).as("still waiting for the database").isEqualTo(1);
    assertThat(testbed.billedTotal()).isEqualTo(1);

    testbed.proxy(ProxyNames.POSTGRES).enable();
    await(
        () -> compensations.pending() == 0,
        Duration.ofSeconds(10),
        "the undo done once the database is back");
    assertThat(testbed.billedTotal()).isZero();
  }

  private int compensationsPending() {
    return load().compensationsPending();
  }

  private Load load() {
    return Load.fromHealthJson(client.get(DogPaths.HEALTH).text());
  }

  private void await(BooleanSupplier condition, Duration within, String what)
      throws InterruptedException {
    long giveUp = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime())
          .as("waited %s for: %s (load: %s)", within, what, load())
          .isLessThan(giveUp);
      Thread.sleep(50);
    }
  }
}
