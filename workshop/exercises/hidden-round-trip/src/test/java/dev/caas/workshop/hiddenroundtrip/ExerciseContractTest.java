package dev.caas.workshop.hiddenroundtrip;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;

/** The tuned pool still gives a correct sync-sequential variant: the contract suite says so. */
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.SYNC,
        options -> {
          var server = DogApp.start(options);
          return new RunningVariant(server.port(), server);
        },
        Variant.Composition.SEQUENTIAL);
  }
}
