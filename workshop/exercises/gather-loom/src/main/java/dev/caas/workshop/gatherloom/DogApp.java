package dev.caas.workshop.gatherloom;

import dev.caas.blocking.DogServer;
import dev.caas.contract.VariantOptions;

/**
 * The loom variant with your {@link DogHandler}: run it as {@code loom-gathered} (the checker
 * does).
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("gather-loom", args));
    System.out.println("gather-loom listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return dev.caas.loom.DogApp.start(options, DogHandler::new);
  }
}
