package dev.caas.harness.cost;

/**
 * One point of a sweep: the variant's memory while {@code requestsInFlight} requests were waiting.
 *
 * @param requestsInFlight requests the variant held at the sample (the closed loop's clients, once
 *     all are waiting)
 * @param heapAfterGcBytes heap used right after a full GC
 * @param residentBytes the process's RSS
 */
public record InFlightSample(long requestsInFlight, long heapAfterGcBytes, long residentBytes) {}
