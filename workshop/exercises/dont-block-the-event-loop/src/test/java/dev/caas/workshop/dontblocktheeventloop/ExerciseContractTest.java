package dev.caas.workshop.dontblocktheeventloop;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * Your handler is a correct reactive-sequential variant: the contract suite says so. (reactive-impl
 * runs this suite under BlockHound, which would catch the blocking call at once; here nothing
 * watches the event loops.)
 */
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.REACTIVE,
        options -> {
          var app = DogApp.start(options);
          return new RunningVariant(dev.caas.reactive.DogApp.port(app), app);
        },
        Variant.Composition.SEQUENTIAL);
  }
}
