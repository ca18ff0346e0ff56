package dev.caas.sync;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;
import java.util.concurrent.ExecutorService;

/**
 * Builds a request handler from the parts; {@link DogApp} uses {@link DogHandler}, workshop
 * exercises their own.
 */
@FunctionalInterface
public interface HandlerFactory {
  /**
   * @param gatherPool platform threads for steps that run beside the request's own thread
   */
  PhotoHandler create(DogParts parts, ExecutorService gatherPool);
}
