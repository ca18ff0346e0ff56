package dev.caas.workshop.hiddenroundtrip;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/** The tuned pool still gives a correct sync-sequential variant: the contract suite says so. */
class ExerciseContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return options -> {
      var server = DogApp.start(options);
      return new RunningVariant(server.port(), server);
    };
  }
}
