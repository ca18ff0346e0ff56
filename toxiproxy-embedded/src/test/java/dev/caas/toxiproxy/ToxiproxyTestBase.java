package dev.caas.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Runs tests against a Toxiproxy API through the official Java client. With the system property
 * {@code toxiproxy.url} (e.g. {@code http://127.0.0.1:8474}) the tests drive that server, so they
 * double as a conformance check against real Toxiproxy; otherwise against an embedded server.
 */
@Timeout(30)
abstract class ToxiproxyTestBase {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static String apiUrl;

  protected static final ObjectMapper JSON = new ObjectMapper();

  protected ToxiproxyClient client;
  private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();

  static synchronized String apiUrl() {
    if (apiUrl == null) {
      String external = System.getProperty("toxiproxy.url", "");
      if (!external.isBlank()) {
        apiUrl = external.replaceAll("/+$", "");
      } else {
        try {
          // Shared by every test class; lives as long as the test JVM.
          apiUrl = ToxiproxyServer.start("127.0.0.1", 0).apiUrl();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return apiUrl;
  }

  @BeforeEach
  void connectClient() {
    URI uri = URI.create(apiUrl());
    client = new ToxiproxyClient(uri.getHost(), uri.getPort());
  }

  @AfterEach
  void cleanUp() throws Exception {
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().close();
      } catch (IOException e) {
        // Already gone (a test deleted it): fine.
      }
    }
  }

  /** Closed (or deleted) after the test, most recent first. */
  protected <T extends AutoCloseable> T afterTest(T resource) {
    cleanups.push(resource);
    return resource;
  }

  protected TcpTestServer echoServer() throws IOException {
    return afterTest(TcpTestServer.echo());
  }

  protected String uniqueName() {
    return "embedded_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
  }

  /** A proxy on an ephemeral loopback port in front of {@code upstream}, deleted after the test. */
  protected Proxy proxyTo(String upstream) throws IOException {
    Proxy proxy = client.createProxy(uniqueName(), "127.0.0.1:0", upstream);
    afterTest(proxy::delete);
    return proxy;
  }

  protected static int portOf(Proxy proxy) {
    String listen = proxy.getListen();
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  protected Socket connect(Proxy proxy) throws IOException {
    Socket socket = afterTest(new Socket("127.0.0.1", portOf(proxy)));
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Sends one byte to an echo server and waits for it to come back. */
  protected static long roundTripMillis(Socket socket) throws IOException {
    long start = System.nanoTime();
    socket.getOutputStream().write('x');
    int echoed = socket.getInputStream().read();
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    // Checked after the clock stops: AssertJ's first call in a JVM loads hundreds of classes,
    // which on a busy machine took longer than the latency the first round trip must stay under.
    assertThat(echoed).isEqualTo('x');
    return millis;
  }

  protected static byte[] readExactly(Socket socket, int length) throws IOException {
    byte[] data = socket.getInputStream().readNBytes(length);
    assertThat(data).hasSize(length);
    return data;
  }

  /** Reads until the peer closes; returns the bytes read. */
  protected static byte[] readToEnd(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return in.readAllBytes();
  }

  protected static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  // Raw HTTP, for what the official client hides (status codes, error bodies, JSON shapes).

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  protected static HttpResponse<String> http(String method, String path, String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, publisher)
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  protected static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
