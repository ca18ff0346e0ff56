package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.ErrorBody;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.testbed.Fault;
import dev.caas.testbed.Testbed;
import dev.caas.upstream.UpstreamFault;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every variant does when the network or the database fails: answers the contract's error
 * within its deadline (plus {@link #GRACE}), bills nothing it did not serve, comes back to idle,
 * and serves again as soon as the fault is healed. Each fault of {@link Fault} runs against each
 * variant of the model with a short deadline.
 *
 * <p>Each test runs {@link QuietMachine.Alone}: in a parallel build no other module's busy test
 * shares the cores while an error is timed against its deadline + 50 ms.
 */
@ExtendWith(QuietMachine.Alone.class)
public abstract class FaultContract extends VariantsOfAModel {
  protected FaultContract(
      Variant.Model model, VariantLauncher launcher, Variant.Composition... only) {
    super(model, launcher, only);
  }

  /** The suite for an implementation outside this project. */
  protected FaultContract(Subject subject) {
    super(subject);
  }

  /**
   * The deadline the variant runs with here: short, so that waiting for it keeps the suite fast.
   */
  public static final Duration DEADLINE = Duration.ofMillis(1_000);

  /** How late an error may come after the deadline: the bound. */
  protected static final Duration GRACE = Duration.ofMillis(50);

  /**
   * How long a variant may take to come back to idle after a fault is healed (reopening
   * connections).
   */
  private static final Duration IDLE_WITHIN = Duration.ofSeconds(15);

  private static final int POOL = 20;

  private Testbed testbed;
  private RunningVariant running;
  private DogClient client;

  @BeforeParameterizedClassInvocation
  void startVariant() throws Exception {
    testbed = SharedTestbed.get();
    running = launcher().launch(SharedTestbed.optionsFor(composition(), DEADLINE));
    client = new DogClient(SharedTestbed.urlOf(running));
    client.photos(8, 4); // warm: JIT, connections
    // The error paths too: the first deadline of a fresh JVM pays for loading their classes, which
    // is not
    // what the timed assertions below are about.
    for (Fault warmUp : new Fault[] {Fault.UPSTREAM_TIMEOUT, Fault.DOG_TABLE_LOCKED}) {
      try (var injected = warmUp.injectInto(testbed, DEADLINE)) {
        client.photo();
      }
    }
    awaitIdle();
  }

  @AfterParameterizedClassInvocation
  void stopVariant() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  // client-abort has no error answer to judge; AbuseContract tests leaving clients instead.
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "CLIENT_ABORT")
  void a_fault_is_answered_with_the_contracts_error_in_time_and_healed_without_a_trace(Fault fault)
      throws Exception {
    testbed.clearBilling();
    var served = new HashMap<String, Long>();
    countServed(served, client.photo());

    try (var injected = fault.injectInto(testbed, DEADLINE)) {
      for (int i = 0; i < 2; i++) {
        var answer = client.photo();
        assertThat(answer.status())
            .as("status under %s", fault)
            .isIn(fault.expectedStatusesWhileInjected());
        assertThat(answer.header("Content-Type")).startsWith(DogHeaders.APPLICATION_JSON);
        assertThat(ErrorBody.stepOf(answer.text()))
            .as("step blamed under %s: %s", fault, answer.text())
            .isIn(fault.expectedSteps().stream().map(step -> step.wireName()).toList());
        assertThat(answer.millis())
            .as("time to fail under %s", fault)
            .isLessThanOrEqualTo((double) DEADLINE.plus(GRACE).toMillis());
      }
    }

    var first = client.photo();
    assertThat(first.status())
        .as("the first request after healing %s: %s", fault, first.text())
        .isEqualTo(200);
    countServed(served, first);
    assertThat(awaitIdle())
        .as("load after %s was healed", fault)
        .matches(load -> load.idle(POOL), "idle");
    assertThat(testbed.billingCounts()).as("billing events vs photos served").isEqualTo(served);
  }

  @Test
  void a_slow_dripping_upstream_is_cut_off_at_the_deadline() throws Exception {
    testbed.clearBilling();
    testbed.setUpstreamFault(UpstreamFault.SLOW_DRIP);
    try {
      var answer = client.photo();
      assertThat(answer.status()).isEqualTo(504);
      assertThat(ErrorBody.stepOf(answer.text())).isEqualTo("upstream");
      assertThat(answer.millis()).isLessThanOrEqualTo((double) DEADLINE.plus(GRACE).toMillis());
    } finally {
      testbed.setUpstreamFault(UpstreamFault.NONE);
    }
    assertThat(client.photo().status()).isEqualTo(200);
    assertThat(awaitIdle().idle(POOL)).isTrue();
  }

  @Test
  void a_deadline_leaves_no_statement_running_on_the_database() throws Exception {
    try (var locked = Fault.DOG_TABLE_LOCKED.injectInto(testbed, DEADLINE)) {
      assertThat(client.photo().status()).isEqualTo(504);
      // The cancelled lookup no longer waits for the lock (the server takes a moment to act on a
      // cancel).
      long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (testbed.statementsWaitingForLocks() > 0 && System.nanoTime() < giveUp) {
        Thread.sleep(20);
      }
      assertThat(testbed.statementsWaitingForLocks())
          .as("statements still waiting for the lock")
          .isZero();
    }
  }

  private Load awaitIdle() throws InterruptedException {
    long giveUp = System.nanoTime() + IDLE_WITHIN.toNanos();
    Load load = load();
    while (!load.idle(POOL) && System.nanoTime() < giveUp) {
      Thread.sleep(50);
      load = load();
    }
    return load;
  }

  private Load load() {
    return Load.fromHealthJson(client.get(DogPaths.HEALTH).text());
  }

  private static void countServed(Map<String, Long> served, DogClient.Answer answer) {
    if (answer.status() == 200) {
      served.merge(answer.header(DogHeaders.X_FILENAME), 1L, Long::sum);
    }
  }
}
