package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.VariantLauncher;

class SyncGatheredContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return SyncLauncher.LAUNCHER;
  }
}
