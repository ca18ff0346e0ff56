package dev.caas.workshop.gatherloom;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * Your handler is a correct loom-gathered variant whatever its speed: the contract suite says so.
 */
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.LOOM,
        options -> {
          var server = DogApp.start(options);
          return new RunningVariant(server.port(), server);
        },
        Variant.Composition.GATHERED);
  }
}
