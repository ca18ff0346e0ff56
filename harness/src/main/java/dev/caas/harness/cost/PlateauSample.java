package dev.caas.harness.cost;

/**
 * The variant's JVM sampled at a point's plateau, while the closed loop's clients all waited: one
 * point of the memory-against-requests-in-flight fit.
 *
 * @param requestsInFlight requests the variant reported in flight ({@code /health}) just before the
 *     sample
 * @param sample heap after GC, RSS, threads, native memory at that moment
 */
public record PlateauSample(long requestsInFlight, JvmSample sample) {

  /** This sample as a point of the fit. */
  public InFlightSample point() {
    return sample.atInFlight(requestsInFlight);
  }
}
