package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;

class SyncFaultTest extends FaultContract {
  SyncFaultTest() {
    super(Variant.Model.SYNC, SyncLauncher.LAUNCHER);
  }
}
