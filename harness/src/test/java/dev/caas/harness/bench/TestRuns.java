package dev.caas.harness.bench;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.Provenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Made-up runs for tests of the reports, so they need no variant, no testbed and no network. */
public final class TestRuns {
  public static final Limits SYNC_LIMITS = new Limits(32, 20, null, null);

  private TestRuns() {}

  /** {@code count} requests of about {@code millis} each, all 200 and billed, 10 in flight. */
  public static List<Sample> samples(int count, double millis) {
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < count; i++) {
      long start = (long) ((i / 10) * millis * 1e6);
      long latency = (long) ((millis + (i % 7)) * 1e6);
      String file = "dog-" + (i % 3) + ".jpg";
      String timing =
          "upstream;start=0.0;dur=100.2, billing;start=100.4;dur=100.1, name;start=200.6;dur=100.3, total;dur="
              + millis;
      samples.add(new Sample(i, start, start, start + latency, 200, 40_000, file, timing, null));
    }
    return samples;
  }

  public static RunResult run(Variant variant, List<Sample> samples) {
    var billed = new java.util.HashMap<String, Long>();
    samples.stream().filter(Sample::ok).forEach(s -> billed.merge(s.filename(), 1L, Long::sum));
    return run(variant, samples, billed);
  }

  public static RunResult run(Variant variant, List<Sample> samples, Map<String, Long> billed) {
    Theory theory =
        Theory.closedLoop(
            variant.composition(), Duration.ofMillis(100), Duration.ofMillis(100), 10, SYNC_LIMITS);
    return RunResult.of(variant, SYNC_LIMITS, samples, theory, BillingCheck.of(billed, samples));
  }

  /**
   * {@code count} closed-loop requests of 10 clients with latencies log-normal around {@code
   * medianMs}.
   */
  public static List<Sample> lognormal(long seed, int count, double medianMs) {
    var random = new java.util.Random(seed);
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < count; i++) {
      long start = (long) ((i / 10) * medianMs * 1e6);
      long latency = (long) (medianMs * Math.exp(0.1 * random.nextGaussian()) * 1e6);
      String timing = "upstream;start=0.0;dur=100.0, total;dur=" + latency / 1e6;
      samples.add(
          new Sample(
              i,
              start,
              start,
              start + latency,
              200,
              40_000,
              "dog-" + (i % 3) + ".jpg",
              timing,
              null));
    }
    return samples;
  }

  /**
   * A run measured at {@code point}, its {@code repetition}-th, with the theory the bench would
   * give it.
   */
  public static RunResult run(
      Variant variant, List<Sample> samples, ScenarioPoint point, int repetition) {
    var billed = new java.util.HashMap<String, Long>();
    samples.stream().filter(Sample::ok).forEach(s -> billed.merge(s.filename(), 1L, Long::sum));
    Theory theory =
        Theory.predict(variant, point.latency(), point.workload(), SYNC_LIMITS, Double.NaN);
    return RunResult.of(
        variant,
        SYNC_LIMITS,
        samples,
        theory,
        BillingCheck.of(billed, samples),
        point,
        repetition,
        java.time.Instant.parse("2026-11-25T09:00:00Z"));
  }

  public static Provenance provenance() {
    return new Provenance(
        "abc1234",
        "2026-11-25T10:00:00+01:00",
        "0.1.0-SNAPSHOT",
        "25.0.1+8-LTS (test)",
        "25.0.1+8-LTS (test)",
        List.of(),
        2,
        "Linux 6.1 (amd64)",
        "embedded (zonky)",
        "embedded (ours)");
  }

  public static BenchReport report(List<RunResult> runs, List<NotRun> notRun) {
    BenchConfig config =
        BenchConfig.builder().variants(Variant.SYNC_SEQUENTIAL, Variant.SYNC_GATHERED).build();
    return new BenchReport(provenance(), config, runs, notRun);
  }
}
