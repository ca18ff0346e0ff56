package dev.caas.toxiproxy;

import java.util.Arrays;

/**
 * What flows through a link's toxic chain: a piece of data or the end of the flow, each with the
 * {@link System#nanoTime()} at which the writer may release it. Toxics transform segments; only the
 * writer waits for {@link #dueNanos()}.
 */
sealed interface Segment {

  long dueNanos();

  /** The same segment, released {@code nanos} later. */
  Segment delayedBy(long nanos);

  /** Bytes read from the source, to be written to the destination. */
  record Data(byte[] bytes, long dueNanos) implements Segment {
    @Override
    public Data delayedBy(long nanos) {
      return new Data(bytes, dueNanos + nanos);
    }

    int length() {
      return bytes.length;
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive), due at {@code due}. */
    Data slice(int from, int to, long due) {
      return new Data(Arrays.copyOfRange(bytes, from, to), due);
    }
  }

  /** The source finished sending: the writer half-closes the destination. */
  record EndOfStream(long dueNanos) implements Segment {
    @Override
    public EndOfStream delayedBy(long nanos) {
      return new EndOfStream(dueNanos + nanos);
    }
  }

  /**
   * A toxic ends the whole connection: both sockets close, with a TCP RST when {@code reset}
   * (SO_LINGER 0), otherwise with a normal FIN.
   */
  record Abort(long dueNanos, boolean reset) implements Segment {
    @Override
    public Abort delayedBy(long nanos) {
      return new Abort(dueNanos + nanos, reset);
    }
  }
}
