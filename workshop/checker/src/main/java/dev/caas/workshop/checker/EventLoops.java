package dev.caas.workshop.checker;

import java.util.List;
import java.util.Optional;

/**
 * What Reactor Netty's event loops were doing when a thread dump was taken. An event loop waits for
 * sockets in {@code epoll_wait} (or the JDK's selector), which the JVM reports as {@code RUNNABLE};
 * between two waits it runs the code of whichever socket is ready, briefly. One that is parked,
 * sleeping, waiting for a lock, or reading a blocking socket is blocked: every connection it owns
 * waits with it.
 */
final class EventLoops {
  /**
   * Reactor Netty's server and client loops: {@code reactor-http-epoll-3}, {@code
   * reactor-http-nio-2}.
   */
  static final String PREFIX = "reactor-http-";

  /** Frames of a blocking read of a socket, as a {@code java.net.Socket} or JDBC driver does it. */
  private static final List<String> BLOCKING_READS =
      List.of(
          "sun.nio.ch.NioSocketImpl.read",
          "java.net.SocketInputStream.read",
          "sun.nio.ch.NioSocketImpl.park");

  private EventLoops() {}

  /**
   * An event loop caught blocked, and where: the blocking call and the first frame of the
   * application.
   */
  record Blocked(String thread, String state, String blockingCall, String caller) {
    String describe() {
      return thread
          + " "
          + state
          + " in "
          + blockingCall
          + (caller.isEmpty() ? "" : ", called from " + caller);
    }
  }

  /** The upstream call of step 1, whichever client makes it: {@code ….CanineUpstream.fetch}. */
  static final String UPSTREAM_CALL = "CanineUpstream.fetch";

  static List<ThreadDump.Thread> of(ThreadDump dump) {
    return dump.named(PREFIX);
  }

  static Optional<Blocked> blocked(ThreadDump.Thread loop) {
    boolean parked = !loop.state().equals("RUNNABLE");
    boolean readingASocket =
        loop.frames().stream().anyMatch(f -> BLOCKING_READS.stream().anyMatch(f::startsWith));
    if (!parked && !readingASocket) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocked(loop.name(), loop.state(), blockingCall(loop.frames()), caller(loop.frames())));
  }

  /**
   * Threads of any other pool caught blocked inside the upstream call: each holds a thread of its
   * pool for the whole round trip, the cost the event loops were meant to remove. A non-blocking
   * client returns from {@code fetch} at once and is never caught inside it.
   */
  static List<Blocked> heldInTheUpstreamCall(ThreadDump dump) {
    return dump.threads().stream()
        .filter(t -> !t.name().startsWith(PREFIX))
        .filter(t -> t.frames().stream().anyMatch(f -> f.endsWith(UPSTREAM_CALL)))
        .map(EventLoops::blocked)
        .flatMap(Optional::stream)
        .toList();
  }

  /**
   * The pool a thread belongs to, by its name without the number: {@code boundedElastic-3} is of
   * {@code boundedElastic}.
   */
  static String pool(String thread) {
    return thread.replaceFirst("[-#]?\\d+$", "");
  }

  /**
   * The innermost frame that is not the JDK's parking or locking machinery: what the code called.
   */
  private static String blockingCall(List<String> frames) {
    return frames.stream()
        .filter(
            f ->
                !f.startsWith("jdk.internal.misc.")
                    && !f.startsWith("java.util.concurrent.locks.")
                    && !f.startsWith("java.lang.Thread.")
                    && !f.startsWith("java.lang.Object.wait"))
        .findFirst()
        .orElse(frames.isEmpty() ? "?" : frames.getFirst());
  }

  /**
   * The innermost frames of the project (not JDK, Reactor or Netty): who made the blocking call.
   */
  private static String caller(List<String> frames) {
    return String.join(
        " ← ", frames.stream().filter(f -> f.startsWith("dev.caas.")).limit(2).toList());
  }
}
