package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;
import dev.caas.testkit.VariantLauncher;

class SyncShapeTest extends GatheringShapeContract {
  @Override
  protected Variant.Model model() {
    return Variant.Model.SYNC;
  }

  @Override
  protected VariantLauncher launcher() {
    return SyncLauncher.LAUNCHER;
  }
}
