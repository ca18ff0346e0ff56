package dev.caas.workshop.billexactlyonce;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/**
 * Your handler is a correct loom-gathered variant as long as nothing fails: the contract suite says
 * so.
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
