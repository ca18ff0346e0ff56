package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.VariantLauncher;

class SyncSequentialContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return SyncLauncher.LAUNCHER;
  }
}
