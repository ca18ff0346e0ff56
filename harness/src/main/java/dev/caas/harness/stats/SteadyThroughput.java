package dev.caas.harness.stats;

import dev.caas.harness.load.Sample;
import java.util.List;

/**
 * Completions per second over the middle half of the completions: the first quarter is the ramp
 * (all clients starting at once, JIT still compiling), the last quarter the drain (fewer clients
 * left). The bench uses it to size its probe, the calibration to estimate the generator's ceiling.
 */
public final class SteadyThroughput {
  private SteadyThroughput() {}

  /** Completions per second of {@code samples}' answered requests; {@code NaN} below eight. */
  public static double of(List<Sample> samples) {
    long[] ends =
        samples.stream().filter(Sample::ok).mapToLong(Sample::endNanos).sorted().toArray();
    if (ends.length < 8) {
      return Double.NaN;
    }
    int from = ends.length / 4;
    int to = ends.length * 3 / 4;
    long span = ends[to] - ends[from];
    return span > 0 ? (to - from) / (span / 1e9) : Double.NaN;
  }
}
