package dev.caas.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;

/** java.net.http over loopback, HTTP/1.1 only (no h2c upgrade attempt), pointed at one base URL. */
final class UpstreamClient implements AutoCloseable {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  UpstreamClient(URI base) {
    this.base = base;
  }

  HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Returns as soon as the headers are in; the body is read by the caller. */
  HttpResponse<InputStream> getStreaming(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpResponse<String> put(String path) {
    return send(
        HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> getText(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, BodyHandler<T> bodyHandler) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(20)).build(), bodyHandler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
