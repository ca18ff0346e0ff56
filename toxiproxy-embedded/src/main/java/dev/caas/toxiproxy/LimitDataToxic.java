package dev.caas.toxiproxy;

import java.util.function.Consumer;

/**
 * Lets {@code bytes} bytes through on this connection and direction, then closes the connection.
 */
record LimitDataToxic(long bytes) implements Toxic {

  @Override
  public String type() {
    return "limit_data";
  }

  @Override
  public Stage start(long nowNanos) {
    return new Stage() {
      private long transmitted;
      private boolean exhausted;

      @Override
      public void accept(Segment segment, Consumer<Segment> next) {
        if (exhausted) {
          return;
        }
        if (!(segment instanceof Segment.Data data)) {
          next.accept(segment);
          return;
        }
        long remaining = Math.max(0, bytes - transmitted);
        if (remaining < data.length()) {
          data = data.slice(0, (int) remaining, data.dueNanos());
        }
        if (data.length() > 0) {
          next.accept(data);
          transmitted += data.length();
        }
        if (bytes - transmitted <= 0) {
          exhausted = true;
          next.accept(new Segment.Abort(data.dueNanos(), false));
        }
      }
    };
  }
}
