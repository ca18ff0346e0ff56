package dev.caas.blocking;

import dev.caas.contract.DogRequest;

/**
 * One request of a thread-per-request variant: runs on the request's thread and blocks it while it
 * waits.
 */
@FunctionalInterface
public interface PhotoHandler {
  ServedPhoto serve(DogRequest request);
}
