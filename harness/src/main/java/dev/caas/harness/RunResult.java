package dev.caas.harness;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
    BillingCheck billing) {

  /** Computes the figures from the samples. */
  public static RunResult of(
      Variant variant, Limits limits, List<Sample> samples, Theory theory, BillingCheck billing) {
    Histogram histogram = LatencyStats.histogramOf(samples);
    var errorKinds = new TreeMap<String, Integer>();
    samples.stream().filter(s -> !s.ok()).forEach(s -> errorKinds.merge(s.errorKind(), 1, Integer::sum));
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
        billing);
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

  /** Successful answers per second of the measured phase. */
  public double throughputRps() {
    return durationSeconds > 0 ? ok() / durationSeconds : Double.NaN;
  }

  /** Measured median over predicted median: 1.0 is the theory exactly; {@code NaN} when it does not apply. */
  public double medianOverTheory() {
    if (!theory.applies() || theory.overloaded()) {
      return Double.NaN;
    }
    return latency.medianMs() / theory.medianMs();
  }

  /** No request failed and every served photo was billed exactly once. */
  public boolean passed() {
    return errors() == 0 && billing.balanced();
  }
}
