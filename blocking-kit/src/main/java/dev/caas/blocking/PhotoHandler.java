package dev.caas.blocking;

import dev.caas.contract.DogRequest;
import dev.caas.contract.ServedPhoto;

/**
 * One request of a thread-per-request variant: runs on the request's thread and blocks it while it
 * waits.
 */
@FunctionalInterface
public interface PhotoHandler {
  ServedPhoto serve(DogRequest request);
}
