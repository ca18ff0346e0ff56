package dev.caas.toxiproxy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The buffers links read into. A reader that waits for the next request holds only a small buffer;
 * once a read fills it, data is streaming, and the reader borrows a large one for the rest of the
 * burst, so a 55 KB answer takes one or two reads instead of four, and gives it back when a read
 * comes back short (the burst is over and the next read will probably wait). Thousands of idle
 * kept-alive connections then cost kilobytes each, not the large buffer each.
 */
final class ReadBuffers {
  /** What an idle reader waits with: a request, a query or a short answer fits. */
  static final int SMALL = 4 * 1024;

  /** What a streaming reader reads with: a loopback TCP segment is up to 64 KB. */
  static final int LARGE = 64 * 1024;

  /** Large buffers kept for reuse; more are allocated when all are lent, and dropped on return. */
  private static final BlockingQueue<byte[]> SPARE_LARGE = new ArrayBlockingQueue<>(512);

  private ReadBuffers() {}

  /** The buffer for the next read, given the last one and how much that read returned. */
  static byte[] next(byte[] current, int lastRead) {
    if (current.length == SMALL && lastRead == SMALL) {
      byte[] large = SPARE_LARGE.poll();
      return large != null ? large : new byte[LARGE];
    }
    if (current.length == LARGE && lastRead < LARGE) {
      giveBack(current);
      return new byte[SMALL];
    }
    return current;
  }

  /** Returns a large buffer the reader no longer needs (any other size is simply dropped). */
  static void giveBack(byte[] buffer) {
    if (buffer.length == LARGE) {
      SPARE_LARGE.offer(buffer);
    }
  }
}
