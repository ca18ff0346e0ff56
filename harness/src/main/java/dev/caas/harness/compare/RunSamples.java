package dev.caas.harness.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code compare} needs of one variant at one point of a scenario: the successful requests'
 * latencies, in the order they were sent, and how long each run lasted; one {@link Repetition} per
 * run ({@code bench --repeat N} makes N).
 *
 * <p>Failed requests are left out of every figure, as the bench leaves them out of its table: a
 * fast 503 would make a broken server look quick. Their number is kept so the report can mention
 * them.
 *
 * @param variant the variant's wire name, e.g. {@code sync-sequential}
 * @param point the load and latency it was measured at, e.g. {@code C=10, upstream 100 ms, postgres
 *     100 ms}
 * @param repetitions the runs, in the order they ran
 */
public record RunSamples(String variant, String point, List<Repetition> repetitions) {

  public RunSamples {
    repetitions = List.copyOf(repetitions);
    if (repetitions.isEmpty()) {
      throw new IllegalArgumentException("no run of " + variant);
    }
  }

  /**
   * One run.
   *
   * @param okLatenciesMs the latencies of the requests answered with 200, in milliseconds, in the
   *     order the requests were sent (their index in the run), so requests sent together sit side
   *     by side
   * @param durationMs from the first request's intended start to the last answer, as the bench
   *     measures it
   * @param requests every request of the measured phase, failed ones included
   */
  public record Repetition(double[] okLatenciesMs, double durationMs, int requests) {
    public Repetition {
      okLatenciesMs = okLatenciesMs.clone();
    }

    @Override
    public double[] okLatenciesMs() {
      return okLatenciesMs.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Repetition that
          && Arrays.equals(okLatenciesMs, that.okLatenciesMs)
          && Double.compare(durationMs, that.durationMs) == 0
          && requests == that.requests;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(okLatenciesMs);
    }

    @Override
    public String toString() {
      return "Repetition["
          + okLatenciesMs.length
          + " ok of "
          + requests
          + ", "
          + durationMs
          + " ms]";
    }
  }

  /** A variant measured once; for tests and programs that make their own samples. */
  public static RunSamples once(
      String variant, String point, double[] okLatenciesMs, double durationMs, int requests) {
    return new RunSamples(
        variant, point, List.of(new Repetition(okLatenciesMs, durationMs, requests)));
  }

  /** Requests answered with 200, in all repetitions. */
  public int ok() {
    return repetitions.stream().mapToInt(r -> r.okLatenciesMs.length).sum();
  }

  public int requests() {
    return repetitions.stream().mapToInt(Repetition::requests).sum();
  }

  public int errors() {
    return requests() - ok();
  }

  /**
   * {@code sync-sequential}, or with the point when there are several: {@code sync-sequential
   * (C=10, …)}.
   */
  public String label(boolean withPoint) {
    return withPoint ? variant + " (" + point + ")" : variant;
  }

  /** Every successful latency of every repetition, sorted ascending. */
  public double[] sortedLatencies() {
    double[] all =
        repetitions.stream().flatMapToDouble(r -> Arrays.stream(r.okLatenciesMs)).toArray();
    Arrays.sort(all);
    return all;
  }

  /**
   * Per repetition, for each of its requests in the order sent, where its latency stands in {@link
   * #sortedLatencies()}.
   */
  int[][] sortedPositions() {
    var requests = new ArrayList<int[]>();
    for (int r = 0; r < repetitions.size(); r++) {
      for (int i = 0; i < repetitions.get(r).okLatenciesMs.length; i++) {
        requests.add(new int[] {r, i});
      }
    }
    requests.sort(Comparator.comparingDouble(ri -> repetitions.get(ri[0]).okLatenciesMs[ri[1]]));
    int[][] positions = new int[repetitions.size()][];
    for (int r = 0; r < repetitions.size(); r++) {
      positions[r] = new int[repetitions.get(r).okLatenciesMs.length];
    }
    for (int position = 0; position < requests.size(); position++) {
      int[] ri = requests.get(position);
      positions[ri[0]][ri[1]] = position;
    }
    return positions;
  }

  /** The statistics of the runs' own samples, pooled, as the bench reports one run. */
  public Estimate estimate() {
    return Estimate.of(sortedLatencies(), meanInFlight());
  }

  /**
   * N̄, the mean number of successful requests in flight: their summed latencies over the runs'
   * duration (Little's law read backwards). It is the load the workload held, about C for a closed
   * loop of C clients.
   */
  double meanInFlight() {
    double busy = repetitions.stream().flatMapToDouble(r -> Arrays.stream(r.okLatenciesMs)).sum();
    double duration = repetitions.stream().mapToDouble(Repetition::durationMs).sum();
    return duration > 0 ? busy / duration : Double.NaN;
  }

  /**
   * How many requests in a row share their fate: those in flight at the same moment, N̄ of them. A
   * stall of the machine (a garbage collection, a neighbour's build) delays all of them at once.
   */
  int blockLength() {
    double inFlight = meanInFlight();
    return Double.isFinite(inFlight) ? Math.clamp(Math.round(inFlight), 1, Math.max(1, ok())) : 1;
  }
}
