package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.VariantLauncher;

class SyncGatheredFaultTest extends FaultContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return SyncLauncher.LAUNCHER;
  }
}
