package dev.caas.sync;

import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/** Starts a sync variant in the test's JVM. */
final class SyncLauncher {
  static final VariantLauncher LAUNCHER =
      options -> {
        var server = DogApp.start(options);
        return new RunningVariant(server.port(), server);
      };

  private SyncLauncher() {}
}
