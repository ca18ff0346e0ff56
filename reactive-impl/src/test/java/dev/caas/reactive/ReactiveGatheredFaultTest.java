package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveGatheredFaultTest extends FaultContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
