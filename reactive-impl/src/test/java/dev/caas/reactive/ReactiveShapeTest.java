package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;

class ReactiveShapeTest extends GatheringShapeContract {
  ReactiveShapeTest() {
    super(Variant.Model.REACTIVE, ReactiveLauncher.LAUNCHER);
  }
}
