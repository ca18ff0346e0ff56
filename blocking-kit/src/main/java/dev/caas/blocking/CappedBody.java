package dev.caas.blocking;

import dev.caas.contract.StepFailure;
import dev.caas.contract.UpstreamAnswers;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into a byte array, counted as it arrives: past the cap the subscription
 * is cancelled (the JDK closes the connection) and the body fails with the contract's 502. Nothing
 * beyond the cap is ever kept.
 *
 * <p>Nothing is kept after the body is handed over either. {@code java.net.http} keeps the exchange
 * that opened a pooled connection reachable for as long as the connection lives (its connect timer
 * event refers to it), and with it this subscriber and the future it completed. Were the body held
 * here, every connection that ever carried a photo would pin about 120 KB (this buffer and the
 * photo), idle or waiting: measured, 116 KB a connection, seven times what a waiting request itself
 * holds. So the buffer is dropped once the body is complete and the photo travels in a {@link
 * Handoff} that forgets it when taken.
 */
final class CappedBody implements HttpResponse.BodySubscriber<Handoff<byte[]>> {
  private final int cap;
  private ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
  private final CompletableFuture<Handoff<byte[]>> result = new CompletableFuture<>();
  private final StepFailure refusal;
  private Flow.Subscription subscription;

  CappedBody(int cap) {
    this(cap, null);
  }

  private CappedBody(int cap, StepFailure refusal) {
    this.cap = cap;
    this.refusal = refusal;
  }

  /** A body not worth reading: its head was bad. The connection is closed rather than drained. */
  static <T> HttpResponse.BodySubscriber<T> refused(StepFailure why) {
    return HttpResponse.BodySubscribers.mapping(
        new CappedBody(0, why),
        bytes -> {
          throw why;
        });
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (refusal != null) {
      subscription.cancel();
      result.completeExceptionally(refusal);
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return; // refused already; what was in flight when the subscription was cancelled is dropped
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + buffer.remaining() > cap) {
        subscription.cancel();
        result.completeExceptionally(UpstreamAnswers.tooLarge());
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    byte[] body = bytes.toByteArray();
    bytes = null;
    result.complete(new Handoff<>(body));
  }

  @Override
  public CompletionStage<Handoff<byte[]>> getBody() {
    return result;
  }
}
