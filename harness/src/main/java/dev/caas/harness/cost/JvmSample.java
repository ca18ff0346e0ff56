package dev.caas.harness.cost;

import java.util.Optional;

/**
 * The variant's JVM at one instant, right after a full GC the meter asked for: what survives a GC
 * is what the requests in flight (and the application) hold, not garbage waiting to be collected.
 *
 * @param uptimeMillis the JVM's uptime when the sample was taken
 * @param heapAfterGcBytes heap used right after {@code System.gc()} (exact only when {@link
 *     JvmFlags#heapAfterGcIsExact()})
 * @param heapCommittedBytes heap committed by the collector
 * @param residentBytes the process's RSS, from the OS
 * @param platformThreads live platform threads ({@code ThreadMXBean.getThreadCount()}: Java threads
 *     only, not virtual ones, not the JVM's own GC and compiler threads)
 * @param threads the thread dump's census: virtual threads and stack depths
 * @param nativeMemory NMT's summary, when the JVM tracks it
 */
public record JvmSample(
    long uptimeMillis,
    long heapAfterGcBytes,
    long heapCommittedBytes,
    long residentBytes,
    int platformThreads,
    ThreadCensus threads,
    Optional<NativeMemory> nativeMemory) {

  /** This sample as one point of the memory-against-requests-in-flight fit. */
  public InFlightSample atInFlight(long requestsInFlight) {
    return new InFlightSample(requestsInFlight, heapAfterGcBytes, residentBytes);
  }
}
