package dev.caas.harness.bench;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.cost.RunCosts;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.GeneratorCheck;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.queueing.ProbedMachine;
import dev.caas.harness.stats.LatencyStats;
import dev.caas.harness.stats.StepMedians;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One variant's measured run: every sample, and what the report says about them.
 *
 * @param limits the variant's resource limits, as its {@code /health} reported them
 * @param samples every request of the measured phase (not the warm-up), in order of index
 * @param latencyMicros the successful requests' latencies, in microseconds
 * @param errorKinds failed requests by kind ({@code 503}, {@code timeout}, …)
 * @param durationSeconds from the first request issued to the last answer received
 * @param stepMediansMs median Server-Timing duration per step, see {@link StepMedians}
 * @param point the scenario's setting this run measured; {@code null} for a run made outside a
 *     scenario (then the report's config describes it)
 * @param repetition 1 for the first run of this variant at this point, 2 for the next with {@code
 *     --repeat}
 * @param uncorrected the same figures measured from the moment each request went out rather than
 *     from its intended start: what a generator blind to coordinated omission would report (wrk2
 *     keeps both)
 * @param generator whether the load generator kept the workload's schedule
 * @param started when the measured phase began, by the wall clock; {@code null} when unknown
 * @param costs what the run cost the rig's processes over its measured window; empty when not
 *     metered (a run built outside the bench, or a meter that could not start)
 * @param machine the variant process probed with no latency before its points, the queueing model's
 *     machine station; empty when not probed (the talk with few clients, the scale scenario, a run
 *     built outside the bench)
 */
public record RunResult(
    Variant variant,
    Limits limits,
    List<Sample> samples,
    Histogram latencyMicros,
    LatencyStats latency,
    Map<String, Integer> errorKinds,
    double durationSeconds,
    Theory theory,
    Map<String, Double> stepMediansMs,
    BillingCheck billing,
    ScenarioPoint point,
    int repetition,
    LatencyStats uncorrected,
    GeneratorCheck generator,
    Instant started,
    Optional<RunCosts> costs,
    Optional<ProbedMachine> machine) {

  /** Computes the figures from the samples of a run made outside a scenario. */
  public static RunResult of(
      Variant variant, Limits limits, List<Sample> samples, Theory theory, BillingCheck billing) {
    return of(variant, limits, samples, theory, billing, null, 1, null);
  }

  /** Computes the figures from the samples of one repetition at one point of a scenario. */
  public static RunResult of(
      Variant variant,
      Limits limits,
      List<Sample> samples,
      Theory theory,
      BillingCheck billing,
      ScenarioPoint point,
      int repetition,
      Instant started) {
    Histogram histogram = LatencyStats.histogramOf(samples);
    var errorKinds = new TreeMap<String, Integer>();
    samples.stream()
        .filter(s -> !s.ok())
        .forEach(s -> errorKinds.merge(s.errorKind(), 1, Integer::sum));
    long first = samples.stream().mapToLong(Sample::intendedStartNanos).min().orElse(0);
    long last = samples.stream().mapToLong(Sample::endNanos).max().orElse(0);
    return new RunResult(
        variant,
        limits,
        List.copyOf(samples),
        histogram,
        LatencyStats.of(histogram),
        Collections.unmodifiableSortedMap(errorKinds),
        (last - first) / 1e9,
        theory,
        StepMedians.of(samples),
        billing,
        point,
        repetition,
        LatencyStats.of(LatencyStats.histogramOf(samples, Sample::serviceNanos)),
        GeneratorCheck.of(samples, point == null ? null : point.ratePerSecond()),
        started,
        Optional.empty(),
        Optional.empty());
  }

  /** The same run with what it cost. */
  public RunResult withCosts(RunCosts measured) {
    return with(Optional.of(measured), machine);
  }

  /** The same run with the probe of its variant process. */
  public RunResult withMachine(ProbedMachine probed) {
    return with(costs, Optional.of(probed));
  }

  private RunResult with(Optional<RunCosts> costs, Optional<ProbedMachine> machine) {
    return new RunResult(
        variant,
        limits,
        samples,
        latencyMicros,
        latency,
        errorKinds,
        durationSeconds,
        theory,
        stepMediansMs,
        billing,
        point,
        repetition,
        uncorrected,
        generator,
        started,
        costs,
        machine);
  }

  public int requests() {
    return samples.size();
  }

  /** Requests answered with 200. */
  public int ok() {
    return (int) samples.stream().filter(Sample::ok).count();
  }

  public int errors() {
    return requests() - ok();
  }

  /**
   * Successful answers per second of the measured phase. For a closed loop that ramped its clients
   * up ({@link ClosedLoop#ramped()}), the rate at which the measured requests were sent, from the
   * first to the last: all clients are in the loop throughout (the ramp ended before the first
   * measured request, the drain begins after the last), and a closed loop sends one request per
   * answer. Over the whole run it would count the ramp's and the drain's half-empty loop too: with
   * three requests per client and a ramp of one response time, a quarter too few.
   */
  public double throughputRps() {
    if (point != null && point.workload().rampUp().isPositive()) {
      LongSummaryStatistics sends =
          samples.stream().mapToLong(Sample::startNanos).summaryStatistics();
      long first = sends.getMin();
      long last = sends.getMax();
      // No send leaves min above max, one leaves them equal: either way no interval to rate.
      if (last > first) {
        // Sends in [first, last): as many as intervals between them, however they bunch.
        long sent = samples.stream().filter(sample -> sample.startNanos() < last).count();
        double sentPerSecond = sent / ((last - first) / 1e9);
        return sentPerSecond * ok() / requests();
      }
    }
    return durationSeconds > 0 ? ok() / durationSeconds : Double.NaN;
  }

  /**
   * Measured median over predicted median: 1.0 is the theory exactly; {@code NaN} when it does not
   * apply. An overloaded open loop's prediction depends on the run's length (see {@link Theory})
   * and is compared too.
   */
  public double medianOverTheory() {
    if (!theory.applies()) {
      return Double.NaN;
    }
    return latency.medianMs() / theory.medianMs();
  }

  /** Measured throughput over predicted throughput; {@code NaN} when the theory does not apply. */
  public double throughputOverTheory() {
    if (!theory.applies() || !Double.isFinite(theory.throughputRps())) {
      return Double.NaN;
    }
    return throughputRps() / theory.throughputRps();
  }

  /** No request failed and every served photo was billed exactly once. */
  public boolean passed() {
    return errors() == 0 && billing.balanced();
  }
}
