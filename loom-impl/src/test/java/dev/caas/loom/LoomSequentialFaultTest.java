package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.VariantLauncher;

class LoomSequentialFaultTest extends FaultContract {
  @Override
  protected Variant variant() {
    return Variant.LOOM_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return LoomLauncher.LAUNCHER;
  }
}
