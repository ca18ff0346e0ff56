package dev.caas.toxiproxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays every chunk by {@code latency} ± {@code jitter} milliseconds after it arrived. A chunk's
 * due time moves; nothing sleeps here, so a body split over many chunks pays the delay once, and
 * stacked latency toxics add up. The end of the stream is not delayed beyond the data before it.
 */
record LatencyToxic(long latency, long jitter) implements Toxic {

  @Override
  public String type() {
    return "latency";
  }

  @Override
  public Stage start(long nowNanos) {
    return (segment, next) ->
        next.accept(segment instanceof Segment.Data data ? data.delayedBy(delayNanos()) : segment);
  }

  private long delayNanos() {
    long millis = latency;
    if (jitter > 0) {
      // Toxiproxy draws uniformly from [latency - jitter, latency + jitter).
      millis += ThreadLocalRandom.current().nextLong(-jitter, jitter);
    }
    return Toxic.millisToNanos(millis);
  }
}
