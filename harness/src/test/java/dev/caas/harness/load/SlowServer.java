package dev.caas.harness.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers every request after a fixed delay with a small body and the
 * headers the harness reads, and remembers the most requests it ever had in hand at once.
 */
public final class SlowServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  public SlowServer(Duration delay) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(delay);
            byte[] body = new byte[1234];
            exchange
                .getResponseHeaders()
                .add("X-Filename", "dog-" + served.incrementAndGet() % 3 + ".jpg");
            exchange
                .getResponseHeaders()
                .add(
                    "Server-Timing",
                    "upstream;start=0.0;dur="
                        + delay.toMillis()
                        + ", total;dur="
                        + delay.toMillis());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
            exchange.close();
          }
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int served() {
    return served.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
