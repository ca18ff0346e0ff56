package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.AbuseContract;

class LoomAbuseTest extends AbuseContract {
  LoomAbuseTest() {
    super(Variant.Model.LOOM, LoomLauncher.LAUNCHER);
  }
}
