package dev.caas.harness.load;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request of a {@link RequestClient}, from the moment it was issued until it is over: answered
 * whole, failed, or timed out, whichever comes first; only the first counts.
 *
 * <p>The answer's fields are filled by the {@link AnswerReader} of the connection the call was
 * given, on that connection's event loop only.
 */
final class Call {
  final String path;
  final long issuedNanos;

  /** When the call's time is up ({@link System#nanoTime()}), whether or not its timer has run. */
  final long deadlineNanos;

  private final Consumer<Exchange> answered;
  private final AtomicBoolean over = new AtomicBoolean();

  /** The timer that ends the call if no answer came; set right after construction. */
  volatile Future<?> timeout;

  /** The connection the call went out on, or {@code null} while it waits for one. */
  volatile Channel channel;

  /** When a connection was ours; the issue time until then. */
  volatile long sentNanos;

  Call(String path, long issuedNanos, long deadlineNanos, Consumer<Exchange> answered) {
    this.path = path;
    this.issuedNanos = issuedNanos;
    this.deadlineNanos = deadlineNanos;
    this.sentNanos = issuedNanos;
    this.answered = answered;
  }

  boolean isOver() {
    return over.get();
  }

  /** Ends the call with {@code exchange}; false (and nothing told) if it was already over. */
  boolean finish(Exchange exchange) {
    if (!over.compareAndSet(false, true)) {
      return false;
    }
    Future<?> timer = timeout;
    if (timer != null) {
      timer.cancel(false);
    }
    answered.accept(exchange);
    return true;
  }

  /**
   * Whether the call's time is up, or too nearly up to send it: less than {@link #TOO_LATE_TO_SEND}
   * left. Its timer runs on an event loop that may be busy, and a connection freed by another
   * call's timeout (at the same moment, for calls issued together) can reach a waiting call a few
   * microseconds before its own timer does: sent then, it would be cut off at once, counted as
   * sent.
   */
  boolean isTooLateToSend() {
    return deadlineNanos - System.nanoTime() < TOO_LATE_TO_SEND.toNanos();
  }

  /** Less time left than any answer takes here (a loopback round trip to a variant: over 1 ms). */
  static final Duration TOO_LATE_TO_SEND = Duration.ofMillis(1);

  /** Ends the call as timed out: its time is up with no complete answer. */
  boolean timeOut() {
    return fail(new TimeoutException("no complete answer in time"));
  }

  /** Ends the call without an answer. */
  boolean fail(Throwable cause) {
    return finish(Exchange.failed(issuedNanos, sentNanos, cause));
  }
}
