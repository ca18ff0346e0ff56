package dev.caas.sync;

import com.zaxxer.hikari.HikariConfig;
import dev.caas.blocking.BoundedQueue;
import dev.caas.blocking.DogParts;
import dev.caas.blocking.DogServer;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Wiring of the sync variants: a bounded Jetty pool of platform threads with a bounded queue in
 * front of it, a HikariCP pool, a blocking HTTP client, and for the gathered variant a second
 * platform pool for the gathered steps.
 */
public final class DogApp {
  /**
   * Threads beyond {@code --server-threads}: Jetty leases some to its acceptor and selectors, and a
   * few must stay free to admit, park or refuse requests while every handler thread is blocked.
   */
  private static final int JETTY_THREADS = 8;

  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("sync-impl", args));
    System.out.println("sync-impl listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    return start(options, DogHandler.factory(options.composition()));
  }

  /**
   * Starts the variant's own handler with some pool tuning on top (the workshop's hidden round
   * trip).
   */
  public static DogServer start(VariantOptions options, Consumer<HikariConfig> poolTuning) {
    return start(options, DogHandler.factory(options.composition()), poolTuning);
  }

  public static DogServer start(VariantOptions options, HandlerFactory factory) {
    return start(options, factory, config -> {});
  }

  /** Starts a variant with any handler and pool tuning (the workshop's exercises use this). */
  public static DogServer start(
      VariantOptions options, HandlerFactory factory, Consumer<HikariConfig> poolTuning) {
    var variant = Variant.of(Variant.Model.SYNC, options.composition());
    var parts = DogParts.open(options, variant.wireName(), poolTuning);
    // Each request in the gathered steps needs two threads at once: never the narrower pool.
    int gatherThreads = 2 * options.serverThreads();
    ExecutorService gatherPool =
        Executors.newFixedThreadPool(
            gatherThreads, Thread.ofPlatform().name("gather-", 0).factory());
    var serverThreads =
        new QueuedThreadPool(
            options.serverThreads() + JETTY_THREADS, options.serverThreads() + JETTY_THREADS);
    serverThreads.setName("request");
    return DogServer.start(
            variant,
            options,
            config -> {
              config.jetty.threadPool = serverThreads;
              BoundedQueue.install(
                  config, options.serverThreads(), options.queue(), options.deadline());
            },
            factory.create(parts, gatherPool),
            parts,
            () ->
                new Limits(
                    options.serverThreads(),
                    options.dbPool(),
                    null,
                    options.composition() == Variant.Composition.GATHERED ? gatherThreads : null))
        .closing(gatherPool);
  }
}
