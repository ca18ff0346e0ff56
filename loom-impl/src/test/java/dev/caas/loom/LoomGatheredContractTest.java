package dev.caas.loom;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.VariantLauncher;

class LoomGatheredContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.LOOM_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return LoomLauncher.LAUNCHER;
  }
}
