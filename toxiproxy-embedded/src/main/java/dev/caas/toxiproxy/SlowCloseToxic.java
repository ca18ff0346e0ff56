package dev.caas.toxiproxy;

/** Holds back the closing of the connection by {@code delay} milliseconds; data flows as usual. */
record SlowCloseToxic(long delay) implements Toxic {

  @Override
  public String type() {
    return "slow_close";
  }

  @Override
  public Stage start(long nowNanos) {
    return (segment, next) ->
        next.accept(
            segment instanceof Segment.Data
                ? segment
                : segment.delayedBy(Toxic.millisToNanos(delay)));
  }
}
