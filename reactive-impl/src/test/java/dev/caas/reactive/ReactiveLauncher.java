package dev.caas.reactive;

import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/**
 * Starts a reactive variant in the test's JVM. Stopping it fails if anything blocked an event loop
 * while it ran, even where the error thrown at the blocking call was swallowed on the way to an
 * answer.
 */
final class ReactiveLauncher {
  static final VariantLauncher LAUNCHER =
      options -> {
        int blockedBefore = BlockingCalls.count();
        var app = DogApp.start(options);
        return new RunningVariant(
            DogApp.port(app),
            () -> {
              app.close();
              BlockingCalls.assertNoneSince(blockedBefore);
            });
      };

  private ReactiveLauncher() {}
}
