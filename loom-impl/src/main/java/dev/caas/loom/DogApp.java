package dev.caas.loom;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.DogServer;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Wiring of the loom variants: Jetty's selectors on a small platform pool, every request on a new
 * virtual thread, a HikariCP pool, a blocking HTTP client. Compared with sync-impl, only the
 * threads differ.
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("loom-impl", args));
    System.out.println("loom-impl listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return start(options, DogHandler.factory(options.composition()));
  }

  /** Starts a variant with any handler (the workshop's exercises use this). */
  public static DogServer start(VariantOptions options, HandlerFactory factory) {
    var variant = Variant.of(Variant.Model.LOOM, options.composition());
    var parts = DogParts.open(options, variant.wireName());
    // Jetty runs blocking work (our handlers) on this executor; its selectors stay on platform
    // threads.
    var jettyThreads = new QueuedThreadPool();
    jettyThreads.setName("jetty");
    jettyThreads.setVirtualThreadsExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request-", 0).factory()));
    return DogServer.start(
        variant,
        options,
        config -> config.jetty.threadPool = jettyThreads,
        factory.create(parts),
        parts,
        () -> new Limits(null, options.dbPool(), null, null));
  }
}
