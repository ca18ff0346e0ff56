package dev.caas.reactive;

import dev.caas.contract.Variant;
import dev.caas.testkit.OverloadContract;
import dev.caas.testkit.VariantLauncher;

class ReactiveOverloadTest extends OverloadContract {
  @Override
  protected Variant variant() {
    return Variant.REACTIVE_GATHERED;
  }

  @Override
  protected VariantLauncher launcher() {
    return ReactiveLauncher.LAUNCHER;
  }
}
