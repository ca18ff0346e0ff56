package dev.caas.workshop.gatherthreads;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * Your handler is a correct sync-gathered variant whatever its speed: the contract suite says so.
 */
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.SYNC,
        options -> {
          var server = DogApp.start(options);
          return new RunningVariant(server.port(), server);
        },
        Variant.Composition.GATHERED);
  }
}
