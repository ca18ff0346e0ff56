package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.VariantLauncher;

class SyncSequentialFaultTest extends FaultContract {
  @Override
  protected Variant variant() {
    return Variant.SYNC_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return SyncLauncher.LAUNCHER;
  }
}
