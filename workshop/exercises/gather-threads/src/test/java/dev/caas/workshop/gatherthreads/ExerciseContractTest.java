package dev.caas.workshop.gatherthreads;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/**
 * Your handler is a correct sync-gathered variant whatever its speed: the contract suite says so.
 */
class ExerciseContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return options -> {
      var server = DogApp.start(options);
      return new RunningVariant(server.port(), server);
    };
  }
}
