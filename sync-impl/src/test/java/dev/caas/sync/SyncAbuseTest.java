package dev.caas.sync;

import dev.caas.contract.Variant;
import dev.caas.testkit.AbuseContract;

class SyncAbuseTest extends AbuseContract {
  SyncAbuseTest() {
    super(Variant.Model.SYNC, SyncLauncher.LAUNCHER);
  }
}
