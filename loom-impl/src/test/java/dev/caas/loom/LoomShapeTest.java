package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;
import dev.caas.testkit.VariantLauncher;

class LoomShapeTest extends GatheringShapeContract {
  @Override
  protected Variant.Model model() {
    return Variant.Model.LOOM;
  }

  @Override
  protected VariantLauncher launcher() {
    return LoomLauncher.LAUNCHER;
  }
}
