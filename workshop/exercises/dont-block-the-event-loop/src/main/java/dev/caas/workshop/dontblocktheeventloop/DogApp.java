package dev.caas.workshop.dontblocktheeventloop;

import dev.caas.contract.VariantOptions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reactive variant with your {@link DogHandler}: run it as {@code reactive-sequential} (the
 * checker does). It also hands the handler the blocking upstream client the thread-per-request
 * services already had.
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var app = start(VariantOptions.fromCommandLine("dont-block-the-event-loop", args));
    System.out.println(
        "dont-block-the-event-loop listening on port " + dev.caas.reactive.DogApp.port(app));
  }

  public static ConfigurableApplicationContext start(VariantOptions options) {
    var blockingUpstream =
        new dev.caas.blocking.CanineUpstream(options.upstreamUrl(), options.deadline());
    return dev.caas.reactive.DogApp.start(
        options, parts -> new DogHandler(parts, blockingUpstream));
  }
}
