package dev.caas.harness.cost;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the variant's JVM did over a measured window, from its own MXBeans.
 *
 * <p>The window's counters (collections, allocation, compilation) are read before the meter's
 * closing {@code System.gc()} and after its opening one, so the meter's own collections are not
 * among them; collections it forced in between ({@link JvmMeter#sample()} during the window) are
 * left out of the pauses by their cause, {@code System.gc()}.
 *
 * @param window how long the window lasted, by the JVM's uptime
 * @param start the sample that opened the window
 * @param end the sample that closed it
 * @param gcPauses collections inside the window that stopped the application, the meter's own left
 *     out
 * @param gcPauseTotalMillis their total duration
 * @param gcPauseMaxMillis the longest
 * @param gcNotificationsComplete whether a notification arrived for every collection the collectors
 *     counted; when false, the pause figures miss some
 * @param allocatedBytes bytes allocated on the heap by all threads inside the window (virtual
 *     threads' allocations count to their carriers)
 * @param jitMillis time the JIT compilers spent inside the window, summed over compiler threads (so
 *     it may exceed the window on several cores): well above zero after a warm-up means the warm-up
 *     did not warm up
 * @param peakPlatformThreads the most live platform threads at any moment of the window
 * @param flags the JVM's flags that decide what the figures mean
 */
public record JvmCost(
    Duration window,
    JvmSample start,
    JvmSample end,
    long gcPauses,
    long gcPauseTotalMillis,
    long gcPauseMaxMillis,
    boolean gcNotificationsComplete,
    long allocatedBytes,
    long jitMillis,
    int peakPlatformThreads,
    JvmFlags flags) {

  /** Bytes allocated per request, when the window served {@code requests} requests. */
  public double allocatedBytesPerRequest(long requests) {
    return Ratios.perRequest(allocatedBytes, requests);
  }

  /** JIT time as a share of the window's wall time: 0.3 is "compiling 30 % of the time". */
  public double jitShare() {
    return Ratios.shareOf(jitMillis, window);
  }

  /** The fields a report prints, in a stable order, named as JSON fields. */
  public Map<String, Object> toJsonFields(long requests) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("windowMs", window.toMillis());
    fields.put("heapAfterGcBytesStart", start.heapAfterGcBytes());
    fields.put("heapAfterGcBytesEnd", end.heapAfterGcBytes());
    fields.put("heapMaxBytes", flags.maxHeapBytes());
    fields.put("rssBytesEnd", end.residentBytes());
    end.nativeMemory()
        .ifPresent(
            nmt -> {
              fields.put("nmtCommittedBytes", nmt.committedBytes());
              fields.put("nmtThreadStackCommittedBytes", nmt.threadStackCommittedBytes());
            });
    fields.put("platformThreadsEnd", end.platformThreads());
    fields.put("platformThreadsPeak", peakPlatformThreads);
    fields.put("virtualThreadsEnd", end.threads().virtualThreads());
    fields.put("gcPauses", gcPauses);
    fields.put("gcPauseTotalMs", gcPauseTotalMillis);
    fields.put("gcPauseMaxMs", gcPauseMaxMillis);
    if (!gcNotificationsComplete) {
      fields.put("gcNotificationsComplete", false);
    }
    fields.put("allocatedBytes", allocatedBytes);
    if (requests > 0) {
      fields.put("allocatedBytesPerRequest", allocatedBytesPerRequest(requests));
    }
    fields.put("jitMs", jitMillis);
    fields.put("jitShare", jitShare());
    if (!flags.warnings().isEmpty()) {
      fields.put("flagWarnings", flags.warnings());
    }
    return fields;
  }
}
