package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveShapeTest extends GatheringShapeContract {
  @Override
  protected Variant.Model model() {
    return Variant.Model.REACTIVE;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
