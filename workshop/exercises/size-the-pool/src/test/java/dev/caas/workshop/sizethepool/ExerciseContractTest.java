package dev.caas.workshop.sizethepool;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * The variant you size is a correct loom-gathered variant, with any pool: the contract suite says
 * so.
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
