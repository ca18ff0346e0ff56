package dev.caas.blocking;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import dev.caas.contract.UpstreamAnswers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step 1 over blocking HTTP: {@code GET {upstream}/dog}, checked, the body read up to a cap, all
 * within the request's deadline.
 *
 * <p>The caller's thread blocks in {@code get(remaining)} on the exchange: when the deadline passes
 * first, the exchange is cancelled (the JDK closes its connection) and the answer is a 504, however
 * slowly the body was dripping. The head is checked before any of the body is read, and the body is
 * counted while it arrives ({@link CappedBody}), so a 20 MB answer is refused after 2 MB, never
 * held whole.
 */
public final class CanineUpstream {
  private final HttpClient client;
  private final URI dogUri;

  public CanineUpstream(URI upstreamUrl, Duration connectTimeout) {
    // HTTP/1.1 on purpose: for http:// the default (HTTP/2) first tries an upgrade, and one
    // keep-alive
    // connection per concurrent request is what every variant gets.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
    this.dogUri = upstreamUrl.resolve(DogPaths.DOG);
  }

  /**
   * Fetches one photo; blocks the calling thread until the whole body has arrived or the deadline
   * passed.
   */
  public DogPhoto fetch(Deadline deadline) {
    var request = HttpRequest.newBuilder(dogUri).GET().build();
    CompletableFuture<HttpResponse<Handoff<DogPhoto>>> exchange =
        client.sendAsync(request, CanineUpstream::photoBody);
    try {
      return exchange.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS).body().take();
    } catch (TimeoutException e) {
      // Answer first. Cancelling closes the connection and completes every stage that hangs on the
      // exchange, in the cancelling thread: work the late request's answer need not wait for.
      Thread.ofVirtual().name("upstream-cancel").start(() -> exchange.cancel(true));
      throw deadline.failure(Step.UPSTREAM);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw StepFailure.unavailable(Step.UPSTREAM, "upstream call cancelled", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  /** Checks the head as soon as it arrives; only a good head gets its body read. */
  private static HttpResponse.BodySubscriber<Handoff<DogPhoto>> photoBody(
      HttpResponse.ResponseInfo head) {
    try {
      String filename =
          UpstreamAnswers.checkHead(
              head.statusCode(),
              head.headers().firstValue("Content-Type").orElse(null),
              head.headers().firstValue(DogHeaders.X_FILENAME).orElse(null));
      return HttpResponse.BodySubscribers.mapping(
          new CappedBody(UpstreamAnswers.MAX_PHOTO_BYTES),
          jpeg -> new Handoff<>(new DogPhoto(filename, UpstreamAnswers.checkBody(jpeg.take()))));
    } catch (StepFailure badHead) {
      return CappedBody.refused(badHead);
    }
  }

  private static StepFailure failure(Throwable cause) {
    return switch (cause) {
      case StepFailure failure -> failure;
      case HttpTimeoutException e ->
          StepFailure.timedOut(Step.UPSTREAM, "upstream connection timed out");
      case ConnectException e ->
          StepFailure.unavailable(Step.UPSTREAM, "upstream unreachable: connection refused", e);
      case IOException e when e.getCause() instanceof StepFailure failure -> failure;
      case ProtocolException e ->
          StepFailure.badGateway(Step.UPSTREAM, "upstream sent a malformed HTTP answer");
      case IOException e -> StepFailure.unavailable(Step.UPSTREAM, "upstream connection failed", e);
      default -> StepFailure.unavailable(Step.UPSTREAM, "upstream call failed", cause);
    };
  }
}
