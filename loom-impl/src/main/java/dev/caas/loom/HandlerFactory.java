package dev.caas.loom;

import dev.caas.blocking.DogParts;
import dev.caas.blocking.PhotoHandler;

/**
 * Builds a request handler from the parts; {@link DogApp} uses {@link DogHandler}, workshop
 * exercises their own.
 */
@FunctionalInterface
public interface HandlerFactory {
  PhotoHandler create(DogParts parts);
}
