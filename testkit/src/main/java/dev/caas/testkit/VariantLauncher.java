package dev.caas.testkit;

import dev.caas.contract.VariantOptions;

/**
 * How a test starts a variant in-process: the only thing an implementation tells the contract
 * suite.
 */
@FunctionalInterface
public interface VariantLauncher {
  RunningVariant launch(VariantOptions options) throws Exception;
}
