package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.OverloadContract;

class ReactiveOverloadTest extends OverloadContract {
  ReactiveOverloadTest() {
    super(Variant.Model.REACTIVE, ReactiveLauncher.LAUNCHER);
  }
}
