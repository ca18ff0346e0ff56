package dev.caas.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Every blocking call BlockHound caught on a non-blocking thread (Reactor Netty's event loops,
 * Reactor's parallel scheduler), remembered so a test can fail on it even if the application
 * swallowed the error.
 *
 * <p>BlockHound is installed for the whole test JVM by {@code blockhound-junit-platform} before the
 * first test runs; it finds this class through {@code META-INF/services}. The blocking call itself
 * still fails with {@link BlockingOperationError}, as BlockHound's default does.
 */
public final class BlockingCalls implements BlockHoundIntegration {
  private static final List<AssertionError> caught = new CopyOnWriteArrayList<>();

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // Netty loads its native transport (epoll) from a jar once per JVM, on whichever thread opens
    // the first
    // connection: here r2dbc-pool's allocator on Reactor's single scheduler, while the pool fills
    // at
    // start-up. A one-off read, not a wait in a request; refused, Netty would quietly fall back to
    // NIO.
    builder.allowBlockingCallsInside("io.netty.util.internal.NativeLibraryLoader", "load");
    // Netty 4.2's buffer allocator: when event loops contend for a magazine it adds more and
    // retires the
    // old ones, each under a lock that another loop holds for a few instructions. A false positive
    // that
    // Netty's own BlockHound rules do not cover yet; refused, it breaks a connection mid-response.
    builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    builder.blockingMethodCallback(
        method -> {
          // Made here, so its stack trace shows who blocked.
          caught.add(new AssertionError(method + " on thread " + Thread.currentThread().getName()));
          throw new BlockingOperationError(method);
        });
  }

  static int count() {
    return caught.size();
  }

  /** Fails if any blocking call was caught after the first {@code earlier} ones. */
  static void assertNoneSince(int earlier) {
    List<AssertionError> since = caught.subList(earlier, caught.size());
    if (!since.isEmpty()) {
      var failure =
          new AssertionError(
              since.size() + " blocking call(s) on non-blocking threads", since.getFirst());
      since.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
