package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant;
import dev.caas.testbed.Testbed;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shape the theory predicts, measured with real injected latency: with L on both proxies a
 * sequential request takes 3 round trips (3L), a gathered one 2 (L + max(L, L)), and every step
 * costs one (≈ L: a step that took 2L would be a hidden round trip, such as a pool validating its
 * connection through the proxy).
 *
 * <p>Bounds are about shape, not speed: a step can never be faster than L (the proxy holds every
 * answer for L), and the slack above is wide enough for a busy two-core machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatheringShapeContract {
  private static final double L = 100;

  /**
   * Enough requests at no latency for the JIT to compile the request path of every tier involved.
   */
  private static final int WARMUP = 200;

  private static final int REQUESTS = 20;

  /**
   * One request at a time: the shape (3L vs 2L) is a property of a single request, and on a small
   * machine overlapping requests would only add their CPU contention to what is measured. The
   * harness's talk scenario measures the same shape with 10 clients.
   */
  private static final int CONCURRENCY = 1;

  private final Map<Variant.Composition, Measurement> measured =
      new EnumMap<>(Variant.Composition.class);

  /** What is measured, by composition: its name in the output. */
  private final Map<Variant.Composition, String> subjects =
      new EnumMap<>(Variant.Composition.class);

  private final VariantLauncher launcher;

  /**
   * @param model which model's two variants to measure
   * @param launcher how to start a variant of that model in-process
   */
  protected GatheringShapeContract(Variant.Model model, VariantLauncher launcher) {
    for (var composition : Variant.Composition.values()) {
      subjects.put(composition, Variant.of(model, composition).wireName());
    }
    this.launcher = launcher;
  }

  /**
   * @param subject an implementation outside this project, of one composition: what needs the other
   *     is skipped
   */
  protected GatheringShapeContract(Subject subject) {
    subjects.put(subject.composition(), subject.name());
    this.launcher = subject.launcher();
  }

  private record Measurement(double median, Map<String, Double> stepMedians, double fastestStep) {}

  @BeforeAll
  void measureBothCompositions() throws Exception {
    for (var subject : subjects.entrySet()) {
      var measurement = measure(subject.getKey());
      measured.put(subject.getKey(), measurement);
      System.out.printf(
          "%s at L=%.0f ms: median %.1f ms, step medians %s%n",
          subject.getValue(), L, measurement.median(), measurement.stepMedians());
    }
  }

  private Measurement measure(Variant.Composition composition) throws Exception {
    Testbed testbed = SharedTestbed.get();
    try (var running =
        launcher.launch(SharedTestbed.optionsFor(composition, Duration.ofSeconds(5)))) {
      var client = new DogClient(SharedTestbed.urlOf(running));
      client.photos(WARMUP, 4);
      testbed.setLatency(Duration.ofMillis((long) L), Duration.ofMillis((long) L));
      List<DogClient.Answer> answers;
      try {
        answers = client.photos(REQUESTS, CONCURRENCY);
      } finally {
        testbed.setLatency(Duration.ZERO, Duration.ZERO);
      }
      assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.text()).isEqualTo(200));
      var stepMedians = new java.util.LinkedHashMap<String, Double>();
      double fastestStep = Double.MAX_VALUE;
      for (String step : List.of("upstream", "billing", "name")) {
        var durations =
            answers.stream()
                .map(
                    a ->
                        ServerTiming.find(
                                ServerTiming.parse(a.header(DogHeaders.SERVER_TIMING)), step)
                            .durationMs())
                .toList();
        stepMedians.put(step, DogClient.median(durations));
        fastestStep =
            Math.min(fastestStep, durations.stream().mapToDouble(d -> d).min().orElseThrow());
      }
      double median = DogClient.median(answers.stream().map(DogClient.Answer::millis).toList());
      return new Measurement(median, stepMedians, fastestStep);
    }
  }

  @Test
  void sequential_takes_three_round_trips() {
    assumeMeasured(Variant.Composition.SEQUENTIAL);
    assertThat(measured.get(Variant.Composition.SEQUENTIAL).median())
        .isBetween(3 * L, 3 * L * 1.15);
  }

  @Test
  void gathered_takes_two_round_trips() {
    assumeMeasured(Variant.Composition.GATHERED);
    assertThat(measured.get(Variant.Composition.GATHERED).median()).isBetween(2 * L, 2 * L * 1.15);
  }

  @Test
  void gathered_is_faster_than_sequential() {
    assumeMeasured(Variant.Composition.SEQUENTIAL);
    assumeMeasured(Variant.Composition.GATHERED);
    double ratio =
        measured.get(Variant.Composition.GATHERED).median()
            / measured.get(Variant.Composition.SEQUENTIAL).median();
    assertThat(ratio).as("gathered/sequential median, theory 0.67").isLessThan(0.8);
  }

  @Test
  void every_step_costs_one_round_trip_and_none_hides_another() {
    for (var measurement : measured.values()) {
      assertThat(measurement.fastestStep())
          .as("no step beats the injected latency")
          .isGreaterThanOrEqualTo(L);
      assertThat(measurement.stepMedians().values())
          .allSatisfy(d -> assertThat(d).isBetween(L, L + 20));
    }
  }

  private void assumeMeasured(Variant.Composition composition) {
    assumeTrue(
        measured.containsKey(composition), "no " + composition.wireName() + " subject measured");
  }
}
