package dev.caas.harness.ab;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchRig;
import dev.caas.harness.text.Progress;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.VariantJars;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Testbed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A variant's jar from each build against one testbed: the same PostgreSQL, proxies and dog
 * upstream for both builds, so only the jar differs. Each JVM is launched as {@code caas bench}
 * launches it ({@link BenchRig#launch}), with the build's extra options after.
 */
public final class VariantTarget implements AbTarget {
  private static final int PORT_ATTEMPTS = 3;
  private static final String PORT_TAKEN = "Address already in use";

  private final Variant variant;
  private final BenchConfig config;
  private final Testbed testbed;
  private final Duration startupTimeout;

  /**
   * @param config the bench's launch settings (JVM flags, pools, deadline) for every JVM
   */
  public VariantTarget(Variant variant, BenchConfig config, Testbed testbed) {
    this.variant = variant;
    this.config = config;
    this.testbed = testbed;
    this.startupTimeout = config.startupTimeout();
  }

  @Override
  public Server start(Build build) throws Exception {
    var jars = VariantJars.locate(build.jars(), System.getenv(), Path.of("").toAbsolutePath());
    var rig = new BenchRig(config, jars, Progress.SILENT);
    Path log = jars.logFolder().resolve("ab-" + build.name() + "-" + variant.wireName() + ".log");
    VariantProcess process = startOnAFreePort(rig, build, log);
    return new Server() {
      @Override
      public URI baseUrl() {
        return process.baseUrl();
      }

      @Override
      public long pid() {
        return process.pid();
      }

      @Override
      public String path() {
        return DogPaths.ROOT;
      }

      @Override
      public void close() {
        process.close();
      }
    };
  }

  /**
   * Starts the jar, again on another port when the one picked was taken before the variant bound
   * it: on a machine shared with other builds' tests that happens, and would cost a whole trial.
   */
  private VariantProcess startOnAFreePort(BenchRig rig, Build build, Path log) throws Exception {
    for (int attempt = 1; ; attempt++) {
      var process = VariantProcess.start(rig.launch(testbed, variant), build.variantOptions(), log);
      try {
        process.awaitReady(startupTimeout);
        return process;
      } catch (VariantProcess.StartFailedException e) {
        process.close();
        if (attempt == PORT_ATTEMPTS || !e.getMessage().contains(PORT_TAKEN)) {
          throw e;
        }
      } catch (RuntimeException e) {
        process.close();
        throw e;
      }
    }
  }

  @Override
  public void injectLatency(Duration perStep) {
    testbed.setLatency(perStep, perStep);
  }

  @Override
  public double theoryMs(Duration perStep) {
    return Theory.serviceTimeMs(variant.composition(), perStep, perStep);
  }

  /** The testbed is the caller's: it outlives the target. */
  @Override
  public void close() {
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
  }
}
