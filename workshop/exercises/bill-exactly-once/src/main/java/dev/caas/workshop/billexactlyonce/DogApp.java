package dev.caas.workshop.billexactlyonce;

import dev.caas.blocking.DogServer;
import dev.caas.contract.VariantOptions;

/** The loom variant with your {@link DogHandler}: run it as {@code loom-gathered}. */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("bill-exactly-once", args));
    System.out.println("bill-exactly-once listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return dev.caas.loom.DogApp.start(options, DogHandler::new);
  }
}
