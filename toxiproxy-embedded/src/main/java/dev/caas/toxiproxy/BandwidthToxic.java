package dev.caas.toxiproxy;

import java.util.function.Consumer;

/**
 * Limits throughput to {@code rate} KB/s (1 KB = 1000 bytes, as in Toxiproxy). A chunk leaves in
 * pieces of at most 100 ms worth of data, each due when the rate allows it; 0 means unlimited.
 */
record BandwidthToxic(long rate) implements Toxic {

  @Override
  public String type() {
    return "bandwidth";
  }

  @Override
  public Stage start(long nowNanos) {
    return rate <= 0 ? Stage.PASS_THROUGH : new Throttle();
  }

  private final class Throttle implements Stage {
    /** When the "wire" is free again; chunks queue behind each other. */
    private long freeAtNanos;

    private boolean busy;

    @Override
    public void accept(Segment segment, Consumer<Segment> next) {
      if (!(segment instanceof Segment.Data data)) {
        next.accept(segment);
        return;
      }
      long start = busy && freeAtNanos - data.dueNanos() > 0 ? freeAtNanos : data.dueNanos();
      int pieceSize = (int) Math.min(Integer.MAX_VALUE, Math.max(1, rate * 100));
      for (int from = 0; from < data.length(); from += pieceSize) {
        int to = Math.min(data.length(), from + pieceSize);
        next.accept(data.slice(from, to, start + transmitNanos(to)));
      }
      freeAtNanos = start + transmitNanos(data.length());
      busy = true;
    }

    /** Bytes / (rate KB/s) = bytes / rate milliseconds. */
    private long transmitNanos(long bytes) {
      return bytes * 1_000_000L / rate;
    }
  }
}
