package dev.caas.toxiproxy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The buffer one link's reader reads into. While the reader waits for the next request it holds
 * only its own small buffer; once a read fills that, data is streaming, and it borrows a large one
 * from a shared pool for the rest of the burst, so a 55 KB answer takes two reads instead of four,
 * and gives it back when a read comes back short (the burst is over and the next read will probably
 * wait). Thousands of idle kept-alive connections then cost a few kilobytes each, not the large
 * buffer each.
 */
final class ReadBuffers {
  /** What an idle reader waits with: a request, a query or a short answer fits. */
  static final int SMALL = 4 * 1024;

  /** What a streaming reader reads with: a loopback TCP segment is up to 64 KB. */
  static final int LARGE = 64 * 1024;

  /** Large buffers kept for reuse; more are allocated when all are lent, and dropped on return. */
  private static final BlockingQueue<byte[]> SPARE_LARGE = new ArrayBlockingQueue<>(512);

  private final byte[] small = new byte[SMALL];
  private byte[] current = small;

  /** The buffer for the next read. */
  byte[] buffer() {
    return current;
  }

  /** Chooses the buffer for the next read from how much the last read returned. */
  void afterRead(int bytesRead) {
    if (current == small && bytesRead == SMALL) {
      byte[] large = SPARE_LARGE.poll();
      current = large != null ? large : new byte[LARGE];
    } else if (current != small && bytesRead < LARGE) {
      release();
    }
  }

  /** Gives a borrowed large buffer back to the pool; the reader is done with it. */
  void release() {
    if (current != small) {
      SPARE_LARGE.offer(current);
      current = small;
    }
  }
}
