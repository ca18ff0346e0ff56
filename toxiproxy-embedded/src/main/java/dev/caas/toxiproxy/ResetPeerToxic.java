package dev.caas.toxiproxy;

import java.util.function.Consumer;

/**
 * When the first data (or the end of the stream) reaches it, drops it and resets the connection
 * {@code timeout} milliseconds later: both sockets close with SO_LINGER 0, so peers see a TCP RST.
 */
record ResetPeerToxic(long timeout) implements Toxic {

  @Override
  public String type() {
    return "reset_peer";
  }

  @Override
  public Stage start(long nowNanos) {
    return new Stage() {
      private boolean triggered;

      @Override
      public void accept(Segment segment, Consumer<Segment> next) {
        if (!triggered) {
          triggered = true;
          next.accept(new Segment.Abort(segment.dueNanos() + Toxic.millisToNanos(timeout), true));
        }
      }
    };
  }
}
