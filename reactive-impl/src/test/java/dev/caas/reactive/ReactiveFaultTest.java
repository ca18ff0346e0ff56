package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;

class ReactiveFaultTest extends FaultContract {
  ReactiveFaultTest() {
    super(Variant.Model.REACTIVE, ReactiveLauncher.LAUNCHER);
  }
}
