package dev.caas.workshop.gatherloom;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/**
 * Your handler is a correct loom-gathered variant whatever its speed: the contract suite says so.
 */
class ExerciseContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.LOOM_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return options -> {
      var server = DogApp.start(options);
      return new RunningVariant(server.port(), server);
    };
  }
}
