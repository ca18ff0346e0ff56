package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveGatheredContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
