package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveSequentialFaultTest extends FaultContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_SEQUENTIAL;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
