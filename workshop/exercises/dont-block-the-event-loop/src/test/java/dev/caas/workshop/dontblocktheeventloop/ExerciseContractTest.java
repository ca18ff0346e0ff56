package dev.caas.workshop.dontblocktheeventloop;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;

/**
 * Your handler is a correct reactive-sequential variant: the contract suite says so. (reactive-impl
 * runs this suite under BlockHound, which would catch the blocking call at once; here nothing
 * watches the event loops.)
 */
class ExerciseContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return options -> {
      var app = DogApp.start(options);
      return new RunningVariant(dev.caas.reactive.DogApp.port(app), app);
    };
  }
}
