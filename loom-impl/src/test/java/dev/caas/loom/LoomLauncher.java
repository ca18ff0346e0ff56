package dev.caas.loom;

import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/** Starts a loom variant in the test's JVM. */
final class LoomLauncher {
  static final VariantLauncher LAUNCHER =
      options -> {
        var server = DogApp.start(options);
        return new RunningVariant(server.port(), server);
      };

  private LoomLauncher() {}
}
