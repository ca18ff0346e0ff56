package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;

class SyncContractTest extends DogServiceContract {
  SyncContractTest() {
    super(Variant.Model.SYNC, SyncLauncher.LAUNCHER);
  }
}
