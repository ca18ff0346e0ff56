package dev.caas.harness.variant;

import dev.caas.harness.load.Sample;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconciliation: the database's billing events against the photos delivered to the harness, per
 * filename. A photo is delivered when its whole body arrived: a sample is a 200 only then ({@link
 * Sample#ok()}); a body cut short, a request whose client left before its answer ({@link
 * Sample#left()}) and every error answer are not. Every photo delivered must be billed exactly once
 * and nothing else may be.
 *
 * @param billed billing events recorded during the measured run
 * @param served photos delivered: 200s whose whole body the harness received
 * @param mismatches the filenames whose counts differ, sorted; empty when the books balance
 * @param compensations how the wait for failed requests' billing to be undone ended, before the
 *     ledger was read: the variants delete it in the background, so an event may still be there a
 *     moment after its request failed
 */
public record BillingCheck(
    long billed, long served, Map<String, Mismatch> mismatches, HealthWait compensations) {

  /** One filename's two counts. */
  public record Mismatch(long billed, long served) {}

  /** Compares billing events per filename (from the database) with the samples' 200s. */
  public static BillingCheck of(Map<String, Long> billedPerFile, List<Sample> samples) {
    return of(billedPerFile, samples, HealthWait.NOT_ASKED);
  }

  /** The same, noting how the wait for pending compensations ended before the ledger was read. */
  public static BillingCheck of(
      Map<String, Long> billedPerFile, List<Sample> samples, HealthWait compensations) {
    var servedPerFile = new TreeMap<String, Long>();
    for (Sample sample : samples) {
      if (sample.ok()) {
        String filename = sample.filename() == null ? "(no X-Filename)" : sample.filename();
        servedPerFile.merge(filename, 1L, Long::sum);
      }
    }
    var mismatches = new TreeMap<String, Mismatch>();
    var filenames = new TreeSet<>(servedPerFile.keySet());
    filenames.addAll(billedPerFile.keySet());
    for (String filename : filenames) {
      long billed = billedPerFile.getOrDefault(filename, 0L);
      long served = servedPerFile.getOrDefault(filename, 0L);
      if (billed != served) {
        mismatches.put(filename, new Mismatch(billed, served));
      }
    }
    long billedTotal = billedPerFile.values().stream().mapToLong(Long::longValue).sum();
    long servedTotal = servedPerFile.values().stream().mapToLong(Long::longValue).sum();
    return new BillingCheck(
        billedTotal, servedTotal, Collections.unmodifiableSortedMap(mismatches), compensations);
  }

  public boolean balanced() {
    return mismatches.isEmpty();
  }

  /**
   * Billed minus served, over all filenames: 0 when the books balance (though per-file differences
   * could cancel).
   */
  public long difference() {
    return billed - served;
  }

  /**
   * One line naming what differs: {@code dog-3.jpg billed 2, served 1; dog-5.jpg billed 1, served
   * 0}, the first five filenames and how many more; empty when balanced.
   */
  public String describeMismatches() {
    var parts =
        mismatches.entrySet().stream()
            .limit(5)
            .map(
                m ->
                    m.getKey()
                        + " billed "
                        + m.getValue().billed()
                        + ", served "
                        + m.getValue().served())
            .toList();
    String more =
        mismatches.size() > 5 ? "; and " + (mismatches.size() - 5) + " more filenames" : "";
    return String.join("; ", parts) + more;
  }
}
