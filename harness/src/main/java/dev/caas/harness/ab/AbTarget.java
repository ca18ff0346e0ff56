package dev.caas.harness.ab;

import java.net.URI;
import java.time.Duration;

/**
 * What an A/B run measures: servers started fresh from a build, on one machine, with a latency that
 * can be put on their dependencies and taken away. {@link VariantTarget} is the real one (a
 * variant's jar against the testbed); a test gives a small server of its own, so the runner's logic
 * is tested in seconds.
 */
public interface AbTarget extends AutoCloseable {

  /** Starts a fresh server of {@code build} and waits until it is ready. */
  Server start(Build build) throws Exception;

  /** Puts {@code perStep} on every dependency; zero takes it away. */
  void injectLatency(Duration perStep);

  /** T at {@code perStep}: what a request takes when only the injected latency is waited for. */
  double theoryMs(Duration perStep);

  /** One started server. */
  interface Server extends AutoCloseable {
    /** {@code http://127.0.0.1:PORT} */
    URI baseUrl();

    /** Its process, whose CPU and heap are metered. */
    long pid();

    /** The path that serves the request measured, e.g. {@code /}. */
    String path();

    /**
     * Whether to look inside its JVM for the bytes allocated per request: an attach takes a second
     * or so, which a test of the runner may skip.
     */
    default boolean meterHeap() {
      return true;
    }
  }
}
