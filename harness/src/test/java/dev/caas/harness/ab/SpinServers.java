package dev.caas.harness.ab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link SpinServer}s as an {@link AbTarget}: each build starts one in a fresh JVM, burning {@code
 * baseCpu} per request plus the build's {@code extraCpu}, as a variant started with {@code
 * --extra-cpu} would. The JVMs run interpreted ({@code -Xint}): no JIT compiles in the background,
 * so a run's CPU per request is the requests' own and two runs of the same build agree.
 */
final class SpinServers implements AbTarget {
  private final Duration baseCpu;
  private final HttpClient control = HttpClient.newHttpClient();
  private URI current;

  SpinServers(Duration baseCpu) {
    this.baseCpu = baseCpu;
  }

  @Override
  public Server start(Build build) throws IOException {
    long micros = baseCpu.plus(build.extraCpu()).toNanos() / 1_000;
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xint",
                "-Xshare:auto",
                "-cp",
                classPath(),
                SpinServer.class.getName(),
                Long.toString(micros))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String port = new BufferedReader(new InputStreamReader(process.getInputStream())).readLine();
    if (port == null) {
      process.destroyForcibly();
      throw new IOException("the spin server did not start");
    }
    URI url = URI.create("http://127.0.0.1:" + port.strip());
    current = url;
    return new Server() {
      @Override
      public URI baseUrl() {
        return url;
      }

      @Override
      public long pid() {
        return process.pid();
      }

      @Override
      public String path() {
        return "/";
      }

      @Override
      public boolean meterHeap() {
        return false;
      }

      @Override
      public void close() throws InterruptedException {
        current = null;
        process.destroy();
        process.waitFor();
      }
    };
  }

  @Override
  public void injectLatency(Duration perStep) {
    if (current == null) {
      return;
    }
    var request =
        HttpRequest.newBuilder(current.resolve("/latency?ms=" + perStep.toMillis())).build();
    try {
      control.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One step of {@code perStep}: the server sleeps it once. */
  @Override
  public double theoryMs(Duration perStep) {
    return perStep.toNanos() / 1e6;
  }

  @Override
  public void close() {
    control.close();
  }

  /** The test classes and the contract's, where {@code ExtraCpu} lives. */
  private static String classPath() {
    return String.join(
        java.io.File.pathSeparator,
        List.of(location(SpinServer.class), location(dev.caas.contract.ExtraCpu.class)));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
