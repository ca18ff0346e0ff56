package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveSequentialContractTest extends DogServiceContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
