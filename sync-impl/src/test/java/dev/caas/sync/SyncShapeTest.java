package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.GatheringShapeContract;

class SyncShapeTest extends GatheringShapeContract {
  SyncShapeTest() {
    super(Variant.Model.SYNC, SyncLauncher.LAUNCHER);
  }
}
