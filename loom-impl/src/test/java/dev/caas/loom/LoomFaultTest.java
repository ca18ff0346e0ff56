package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;

class LoomFaultTest extends FaultContract {
  LoomFaultTest() {
    super(Variant.Model.LOOM, LoomLauncher.LAUNCHER);
  }
}
