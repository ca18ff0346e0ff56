package dev.caas.workshop.hiddenroundtrip;

import dev.caas.blocking.DogServer;
import dev.caas.contract.VariantOptions;

/**
 * The real sync variant (its own handler) with your {@link PoolTuning} on top of the project's pool
 * settings.
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("hidden-round-trip", args));
    System.out.println("hidden-round-trip listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return dev.caas.sync.DogApp.start(options, new PoolTuning());
  }
}
