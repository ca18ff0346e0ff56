package dev.caas.workshop.gatherthreads;

import dev.caas.blocking.DogServer;
import dev.caas.contract.VariantOptions;

/**
 * The sync variant with your {@link DogHandler}: run it as {@code sync-gathered} (the checker
 * does).
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("gather-threads", args));
    System.out.println("gather-threads listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return dev.caas.sync.DogApp.start(options, DogHandler::new);
  }
}
