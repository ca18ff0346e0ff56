package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.OverloadContract;
import dev.caas.testkit.VariantLauncher;

class LoomOverloadTest extends OverloadContract {
  @Override
  protected Variant variant() {
    return Variant.LOOM_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return LoomLauncher.LAUNCHER;
  }
}
