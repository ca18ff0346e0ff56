package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;

class ReactiveContractTest extends DogServiceContract {
  ReactiveContractTest() {
    super(Variant.Model.REACTIVE, ReactiveLauncher.LAUNCHER);
  }
}
