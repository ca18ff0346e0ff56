package dev.caas.workshop.gatherreactive;

import dev.caas.contract.VariantOptions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reactive variant with your {@link DogHandler}: run it as {@code reactive-gathered} (the
 * checker does).
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var app = start(VariantOptions.fromCommandLine("gather-reactive", args));
    System.out.println("gather-reactive listening on port " + dev.caas.reactive.DogApp.port(app));
  }

  public static ConfigurableApplicationContext start(VariantOptions options) {
    return dev.caas.reactive.DogApp.start(options, DogHandler::new);
  }
}
