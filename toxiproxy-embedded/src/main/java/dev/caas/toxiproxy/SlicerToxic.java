package dev.caas.toxiproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cuts each chunk into pieces of about {@code average_size} ± {@code size_variation} bytes, one
 * piece every {@code delay} <em>microseconds</em> (Toxiproxy's unit for this attribute), to
 * exercise code that assumes a read returns a whole message.
 */
record SlicerToxic(
    @JsonProperty("average_size") int averageSize,
    @JsonProperty("size_variation") int sizeVariation,
    @JsonProperty("delay") int delay)
    implements Toxic {

  @Override
  public String type() {
    return "slicer";
  }

  @Override
  public Stage start(long nowNanos) {
    return (segment, next) -> {
      if (!(segment instanceof Segment.Data data)) {
        next.accept(segment);
        return;
      }
      long gapNanos = Math.max(0, delay) * 1_000L;
      int from = 0;
      for (int piece = 0; from < data.length(); piece++) {
        int to = Math.min(data.length(), from + nextSize());
        next.accept(data.slice(from, to, data.dueNanos() + piece * gapNanos));
        from = to;
      }
    };
  }

  private int nextSize() {
    int size = averageSize;
    if (sizeVariation > 0) {
      size += ThreadLocalRandom.current().nextInt(-sizeVariation, sizeVariation + 1);
    }
    return Math.max(1, size);
  }
}
