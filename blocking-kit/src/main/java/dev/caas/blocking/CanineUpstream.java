package dev.caas.blocking;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogPhoto;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import dev.caas.contract.UpstreamAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Step 1 over blocking HTTP: {@code GET {upstream}/dog}, checked, the body read up to a cap. */
public final class CanineUpstream {
  private final HttpClient client;
  private final URI dogUri;
  private final Duration timeout;

  public CanineUpstream(URI upstreamUrl, Duration timeout) {
    // HTTP/1.1 on purpose: for http:// the default (HTTP/2) first tries an upgrade, and one keep-alive
    // connection per concurrent request is what every variant gets.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
    this.dogUri = upstreamUrl.resolve(DogPaths.DOG);
    this.timeout = timeout;
  }

  /** Fetches one photo; blocks the calling thread until the whole body has arrived. */
  public DogPhoto fetch() {
    var request = HttpRequest.newBuilder(dogUri).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        String filename = UpstreamAnswers.checkHead(
            response.statusCode(),
            response.headers().firstValue("Content-Type").orElse(null),
            response.headers().firstValue(DogHeaders.X_FILENAME).orElse(null));
        byte[] jpeg = body.readNBytes(UpstreamAnswers.MAX_PHOTO_BYTES + 1);
        if (jpeg.length > UpstreamAnswers.MAX_PHOTO_BYTES) {
          throw UpstreamAnswers.tooLarge();
        }
        return new DogPhoto(filename, jpeg);
      }
    } catch (HttpTimeoutException e) {
      throw StepFailure.timedOut(Step.UPSTREAM, "upstream did not answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw StepFailure.unavailable(Step.UPSTREAM, "upstream unreachable: connection refused", e);
    } catch (IOException e) {
      throw StepFailure.unavailable(Step.UPSTREAM, "upstream connection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepFailure.unavailable(Step.UPSTREAM, "upstream call cancelled", e);
    }
  }
}
