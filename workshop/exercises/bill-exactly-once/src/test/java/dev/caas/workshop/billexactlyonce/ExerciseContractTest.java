package dev.caas.workshop.billexactlyonce;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/**
 * Your handler is a correct loom-gathered variant as long as nothing fails: the contract suite says
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
