package dev.caas.reactive;

import dev.caas.contract.DogRequest;
import dev.caas.contract.ServedPhoto;
import reactor.core.publisher.Mono;

/**
 * One request of a reactive variant: returns at once with a plan of the I/O, which runs when
 * subscribed. The plan must end by the request's deadline: past it, it fails with the deadline's
 * 504.
 */
@FunctionalInterface
public interface PhotoHandler {
  Mono<ServedPhoto> serve(DogRequest request);
}
