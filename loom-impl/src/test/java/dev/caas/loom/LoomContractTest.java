package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;

class LoomContractTest extends DogServiceContract {
  LoomContractTest() {
    super(Variant.Model.LOOM, LoomLauncher.LAUNCHER);
  }
}
