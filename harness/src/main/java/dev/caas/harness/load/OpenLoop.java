package dev.caas.harness.load;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Requests arrive at a constant {@code ratePerSecond}, whether or not earlier ones have been
 * answered, with at most {@code maxConnections} on the wire (the rest wait for a connection).
 *
 * <h2>Coordinated omission</h2>
 *
 * Request i is due at {@code i / rate} seconds. Its latency is measured from that <em>intended</em>
 * start, not from the moment it was actually sent: if the server stalls for a second, the requests
 * that should have gone out during that second were delayed by it, and a generator that measured
 * from the late send would report them as fast (the generator "coordinates" with the server and
 * omits the bad samples). {@link Sample#serviceNanos()} keeps the uncorrected figure beside it, as
 * wrk2 does.
 */
public record OpenLoop(double ratePerSecond, int requests, int maxConnections) implements Workload {

  public OpenLoop {
    if (!(ratePerSecond > 0) || requests < 0 || maxConnections < 1) {
      throw new IllegalArgumentException(
          "an open loop needs a positive rate and at least one connection");
    }
  }

  @Override
  public int connections() {
    return maxConnections;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "open loop, %.1f requests/s, up to %d connections",
        ratePerSecond,
        maxConnections);
  }

  @Override
  public List<Sample> run(RequestClient client, String path, IntConsumer completed) {
    var samples = new ConcurrentLinkedQueue<Sample>();
    var finished = new AtomicInteger();
    var allDone = new CountDownLatch(requests);
    double intervalNanos = 1e9 / ratePerSecond;
    long runStart = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      int index = i;
      long intended = runStart + Math.round(index * intervalNanos);
      waitUntil(intended);
      client.send(
          path,
          exchange -> {
            samples.add(exchange.toSample(index, runStart, intended));
            completed.accept(finished.incrementAndGet());
            allDone.countDown();
          });
    }
    awaitQuietly(allDone);
    return samples.stream().sorted(Comparator.comparingInt(Sample::index)).toList();
  }

  private static void waitUntil(long nanoTime) {
    long remaining;
    while ((remaining = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      // Every request ends, answered or timed out by the client, so this wait is bounded.
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the last answers", e);
    }
  }
}
