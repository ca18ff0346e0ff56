package dev.caas.harness.stats;

import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A run's errors by kind, with how long each kind took to fail. A 503 from a full queue should come
 * at once, a 504 at the deadline; an error that took a minute is a hang that ended, whatever its
 * status says. So the time to fail belongs beside every count.
 *
 * @param kind the status and the step the error body blames ({@code 504 billing}), or the transport
 *     error
 * @param count how many
 * @param medianMs median time from sending to the error answer
 * @param maxMs the longest
 */
public record ErrorSummary(String kind, int count, double medianMs, double maxMs) {

  /** The samples' errors grouped by {@link Sample#errorKindWithStep()}, sorted by kind. */
  public static List<ErrorSummary> of(List<Sample> samples) {
    Map<String, List<Sample>> byKind =
        samples.stream()
            .filter(s -> !s.ok())
            .collect(
                Collectors.groupingBy(
                    Sample::errorKindWithStep, TreeMap::new, Collectors.toList()));
    var summaries = new ArrayList<ErrorSummary>();
    byKind.forEach(
        (kind, errors) -> {
          long[] times = errors.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
          summaries.add(
              new ErrorSummary(
                  kind, times.length, medianMillisOf(times), times[times.length - 1] / 1e6));
        });
    return summaries;
  }

  /** The median of sorted nanosecond times, in milliseconds; {@code NaN} for none. */
  public static double medianMillisOf(long[] sortedNanos) {
    int n = sortedNanos.length;
    if (n == 0) {
      return Double.NaN;
    }
    double median =
        n % 2 == 1 ? sortedNanos[n / 2] : (sortedNanos[n / 2 - 1] + sortedNanos[n / 2]) / 2.0;
    return median / 1e6;
  }

  /** {@code 503 ×1868 failing in 4.1 ms median, 35 ms max; 504 billing ×3 …}, or {@code none}. */
  public static String describe(List<Sample> samples) {
    List<ErrorSummary> summaries = of(samples);
    return summaries.isEmpty()
        ? "none"
        : summaries.stream().map(ErrorSummary::toString).collect(Collectors.joining("; "));
  }

  @Override
  public String toString() {
    return kind
        + " ×"
        + count
        + " failing in "
        + Millis.format(medianMs)
        + " median, "
        + Millis.format(maxMs)
        + " max";
  }
}
