package dev.caas.sync;

import dev.caas.blocking.BillingLedger;
import dev.caas.blocking.CanineUpstream;
import dev.caas.blocking.Database;
import dev.caas.blocking.DogNames;
import dev.caas.blocking.DogServer;
import dev.caas.blocking.PhotoHandler;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.contract.VariantOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Wiring of the sync variants: a bounded Jetty pool of platform threads, a HikariCP pool, a blocking HTTP
 * client, and for the gathered variant a second platform pool for the gathered steps.
 */
public final class DogApp {
  private DogApp() {}

  public static void main(String[] args) {
    var server = start(VariantOptions.fromCommandLine("sync-impl", args));
    System.out.println("sync-impl listening on port " + server.port());
  }

  public static DogServer start(VariantOptions options) {
    var variant = Variant.of(Variant.Model.SYNC, options.composition());
    var pool = Database.pool(options, variant.wireName());
    var ledger = new BillingLedger(pool);
    // Each request in the gathered steps needs two threads at once: never the narrower pool.
    int gatherThreads = 2 * options.serverThreads();
    ExecutorService gatherPool = Executors.newFixedThreadPool(gatherThreads, Thread.ofPlatform().name("gather-", 0).factory());
    var handler = new DogHandler(new CanineUpstream(options.upstreamUrl(), options.deadline()), ledger, new DogNames(pool), gatherPool);
    PhotoHandler photoHandler = switch (options.composition()) {
      case SEQUENTIAL -> handler::sequential;
      case GATHERED -> handler::gathered;
    };
    var serverThreads = new QueuedThreadPool(options.serverThreads(), options.serverThreads());
    serverThreads.setName("request");
    return DogServer.start(variant, options, config -> config.jetty.threadPool = serverThreads, photoHandler, ledger,
            () -> new Limits(
                handlerThreads(serverThreads), options.dbPool(), null,
                options.composition() == Variant.Composition.GATHERED ? gatherThreads : null))
        .closing(gatherPool, pool);
  }

  /** The pool's threads left for handlers once Jetty has leased its acceptors and selectors. */
  private static int handlerThreads(QueuedThreadPool threads) {
    var budget = threads.getThreadPoolBudget();
    return threads.getMaxThreads() - (budget == null ? 0 : budget.getLeasedThreads());
  }
}
