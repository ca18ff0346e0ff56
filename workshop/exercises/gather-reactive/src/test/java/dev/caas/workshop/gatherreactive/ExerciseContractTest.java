package dev.caas.workshop.gatherreactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * Your handler is a correct reactive-gathered variant whatever its speed: the contract suite says
 * so.
 */
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.REACTIVE,
        options -> {
          var app = DogApp.start(options);
          return new RunningVariant(dev.caas.reactive.DogApp.port(app), app);
        },
        Variant.Composition.GATHERED);
  }
}
