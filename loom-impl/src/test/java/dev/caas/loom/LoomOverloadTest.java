package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.OverloadContract;

class LoomOverloadTest extends OverloadContract {
  LoomOverloadTest() {
    super(Variant.Model.LOOM, LoomLauncher.LAUNCHER);
  }
}
