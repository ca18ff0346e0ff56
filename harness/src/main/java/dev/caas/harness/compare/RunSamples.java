package dev.caas.harness.compare;

import java.util.Arrays;

/**
 * What {@code compare} needs of one run: the successful requests' latencies and how long the run lasted.
 *
 * <p>Failed requests are left out of every figure, as the bench leaves them out of its table: a fast 503
 * would make a broken server look quick. Their number is kept so the report can mention them.
 *
 * @param variant the variant's wire name, e.g. {@code sync-sequential}
 * @param okLatenciesMs the latencies of the requests answered with 200, in milliseconds, sorted
 * @param durationMs from the first request's intended start to the last answer, as the bench measures it
 * @param requests every request of the measured phase, failed ones included
 */
public record RunSamples(String variant, double[] okLatenciesMs, double durationMs, int requests) {

  public RunSamples {
    okLatenciesMs = okLatenciesMs.clone();
    Arrays.sort(okLatenciesMs);
  }

  /** Requests answered with 200. */
  public int ok() {
    return okLatenciesMs.length;
  }

  public int errors() {
    return requests - ok();
  }

  /** The successful latencies, sorted; a copy. */
  @Override
  public double[] okLatenciesMs() {
    return okLatenciesMs.clone();
  }

  /** The latencies without copying, for the bootstrap's inner loop. */
  double[] sortedLatencies() {
    return okLatenciesMs;
  }

  /** The statistics of the run's own samples, as the bench reported them. */
  public Estimate estimate() {
    return Estimate.of(okLatenciesMs, meanInFlight());
  }

  /**
   * N̄, the mean number of successful requests in flight: their summed latencies over the run's duration
   * (Little's law read backwards). It is the load the workload held, {@code C} for a closed loop of C clients.
   */
  double meanInFlight() {
    return durationMs > 0 ? Arrays.stream(okLatenciesMs).sum() / durationMs : Double.NaN;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunSamples that
        && variant.equals(that.variant)
        && Arrays.equals(okLatenciesMs, that.okLatenciesMs)
        && Double.compare(durationMs, that.durationMs) == 0
        && requests == that.requests;
  }

  @Override
  public int hashCode() {
    return 31 * variant.hashCode() + Arrays.hashCode(okLatenciesMs);
  }

  @Override
  public String toString() {
    return "RunSamples[" + variant + ", " + ok() + " ok of " + requests + ", " + durationMs + " ms]";
  }
}
