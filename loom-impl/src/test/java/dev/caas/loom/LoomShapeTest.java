package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;

class LoomShapeTest extends GatheringShapeContract {
  LoomShapeTest() {
    super(Variant.Model.LOOM, LoomLauncher.LAUNCHER);
  }
}
