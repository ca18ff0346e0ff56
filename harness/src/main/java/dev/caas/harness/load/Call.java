package dev.caas.harness.load;

import io.netty.channel.Channel;
import java.util.concurrent.Future;
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
  private final Consumer<Exchange> answered;
  private final AtomicBoolean over = new AtomicBoolean();

  /** The timer that ends the call if no answer came; set right after construction. */
  volatile Future<?> timeout;

  /** The connection the call went out on, or {@code null} while it waits for one. */
  volatile Channel channel;

  /** When a connection was ours; the issue time until then. */
  volatile long sentNanos;

  Call(String path, long issuedNanos, Consumer<Exchange> answered) {
    this.path = path;
    this.issuedNanos = issuedNanos;
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

  /** Ends the call without an answer. */
  boolean fail(Throwable cause) {
    return finish(Exchange.failed(issuedNanos, sentNanos, cause));
  }
}
