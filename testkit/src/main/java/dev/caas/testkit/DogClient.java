package dev.caas.testkit;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.ServerTiming;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain blocking HTTP client for the tests, with the few helpers the contract needs. */
public final class DogClient {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;

  public DogClient(URI base) {
    this.base = base;
  }

  /** One answer, with the time the client waited for it. */
  public record Answer(int status, HttpResponse<byte[]> response, double millis) {
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** All headers, names in lower case. */
    public java.util.Map<String, List<String>> headers() {
      return response.headers().map();
    }

    public byte[] body() {
      return response.body();
    }

    public String text() {
      return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public List<ServerTiming.Metric> serverTiming() {
      return ServerTiming.parse(header(DogHeaders.SERVER_TIMING));
    }
  }

  public Answer get(String path) {
    var request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build();
    long start = System.nanoTime();
    try {
      // The request timeout covers only the wait for the headers; a body that stalls must not hang
      // a suite.
      var response =
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
              .get(60, TimeUnit.SECONDS);
      return new Answer(response.statusCode(), response, (System.nanoTime() - start) / 1e6);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public Answer photo() {
    return get(DogPaths.ROOT);
  }

  /**
   * {@code count} photos, at most {@code concurrency} in flight, in the order they were asked for.
   */
  public List<Answer> photos(int count, int concurrency) throws Exception {
    try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
      var futures = new ArrayList<Future<Answer>>();
      for (int i = 0; i < count; i++) {
        futures.add(clients.submit(this::photo));
      }
      var answers = new ArrayList<Answer>();
      for (var future : futures) {
        answers.add(future.get());
      }
      return answers;
    }
  }

  /** The median of some numbers (the upper one of an even count). */
  public static double median(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
