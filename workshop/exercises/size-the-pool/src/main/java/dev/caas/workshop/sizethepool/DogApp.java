package dev.caas.workshop.sizethepool;

import dev.caas.blocking.DogServer;
import dev.caas.contract.VariantOptions;

/**
 * The variant this exercise is about, as it is: loom-gathered. Nothing to change in the code; what
 * you size is its database pool ({@code --db-pool}), in {@code answer.properties} beside this
 * module's {@code pom.xml}.
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("size-the-pool", args));
    System.out.println("size-the-pool listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return dev.caas.loom.DogApp.start(options);
  }
}
