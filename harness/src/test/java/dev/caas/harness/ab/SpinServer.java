package dev.caas.harness.ab;

import com.sun.net.httpserver.HttpServer;
import dev.caas.contract.ExtraCpu;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A stand-in for a variant, run in a JVM of its own: {@code GET /} burns its CPU per request
 * ({@link ExtraCpu}, the same spin as {@code --extra-cpu}) and then waits for the latency it was
 * told with {@code GET /latency?ms=N}. It prints its port and serves until killed.
 *
 * <pre>java -cp … dev.caas.harness.ab.SpinServer CPU_MICROS</pre>
 */
public final class SpinServer {
  private static volatile long latencyMillis;

  private SpinServer() {}

  public static void main(String[] args) throws IOException {
    Duration cpu = Duration.ofNanos(Long.parseLong(args[0]) * 1_000);
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/latency",
        exchange -> {
          latencyMillis = Long.parseLong(exchange.getRequestURI().getQuery().substring(3));
          answer(exchange.getResponseBody(), exchange, "ok");
        });
    server.createContext(
        "/",
        exchange -> {
          ExtraCpu.spin(cpu);
          sleep(latencyMillis);
          answer(exchange.getResponseBody(), exchange, "woof");
        });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
  }

  private static void answer(
      OutputStream body, com.sun.net.httpserver.HttpExchange exchange, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (body) {
      body.write(bytes);
    }
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
