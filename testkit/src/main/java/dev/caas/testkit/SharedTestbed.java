package dev.caas.testkit;

import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import dev.caas.testbed.Testbed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * One testbed per test JVM, started on first use and closed when the JVM exits; or one that runs
 * elsewhere ({@code caas testbed}), attached with {@link #use} before the suites run.
 */
public final class SharedTestbed {
  private static Testbed testbed;

  private SharedTestbed() {}

  public static synchronized Testbed get() {
    if (testbed == null) {
      try {
        testbed = Testbed.start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the testbed", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(testbed::close, "testbed-shutdown"));
    }
    return testbed;
  }

  /**
   * Makes the suites drive {@code running} instead of the JVM's own testbed until the returned
   * handle is closed: a testbed another process runs, which an implementation already running was
   * pointed at. The caller closes {@code running}; the JVM's own testbed, if any, stays up.
   */
  public static synchronized AutoCloseable use(Testbed running) {
    Testbed previous = testbed;
    testbed = running;
    return () -> {
      synchronized (SharedTestbed.class) {
        testbed = previous;
      }
    };
  }

  /** Options that point a variant at the shared testbed, on a free port, with a short deadline. */
  public static VariantOptions optionsFor(Variant variant, Duration deadline) {
    return optionsFor(variant.composition(), deadline);
  }

  /** The same, for an implementation that is not one of this project's variants. */
  public static VariantOptions optionsFor(Variant.Composition composition, Duration deadline) {
    var testbed = get();
    return new VariantOptions(
        composition,
        "127.0.0.1",
        0,
        testbed.jdbcUrl(),
        testbed.dbUser(),
        testbed.dbPassword(),
        testbed.upstreamUrl(),
        20,
        32,
        1000,
        deadline,
        VariantOptions.HEADER_TIMEOUT,
        VariantOptions.IDLE_TIMEOUT,
        VariantOptions.UPSTREAM_CONNECTIONS,
        Duration.ZERO);
  }

  /** Where a started variant answers. */
  public static URI urlOf(RunningVariant running) {
    return running.url();
  }
}
