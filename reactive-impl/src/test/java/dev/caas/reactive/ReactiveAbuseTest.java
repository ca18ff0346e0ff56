package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.AbuseContract;

class ReactiveAbuseTest extends AbuseContract {
  ReactiveAbuseTest() {
    super(Variant.Model.REACTIVE, ReactiveLauncher.LAUNCHER);
  }
}
