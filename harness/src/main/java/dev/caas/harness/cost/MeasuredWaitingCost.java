package dev.caas.harness.cost;

import java.util.List;

/**
 * What one waiting request costs, measured: the slope of the variant's memory against the requests
 * in flight, over a sweep's samples ({@link JvmSample#atInFlight}).
 *
 * @param heap heap after GC against requests in flight: bytes of heap per waiting request
 * @param resident RSS against requests in flight: bytes of resident memory per waiting request,
 *     native only when the heap was pre-touched ({@code -XX:+AlwaysPreTouch})
 * @param heapPreTouched whether the variant's heap was resident from the start, so RSS's slope
 *     holds no heap growth
 */
public record MeasuredWaitingCost(SlopeFit heap, SlopeFit resident, boolean heapPreTouched) {

  /** Fits both lines through the samples of a sweep. */
  public static MeasuredWaitingCost fit(List<InFlightSample> samples, boolean heapPreTouched) {
    return new MeasuredWaitingCost(
        SlopeFit.of(samples, InFlightSample::requestsInFlight, InFlightSample::heapAfterGcBytes),
        SlopeFit.of(samples, InFlightSample::requestsInFlight, InFlightSample::residentBytes),
        heapPreTouched);
  }
}
