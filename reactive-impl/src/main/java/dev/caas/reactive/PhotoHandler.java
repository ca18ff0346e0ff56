package dev.caas.reactive;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** One request of a reactive variant: returns at once with a plan of the I/O, which runs when subscribed. */
@FunctionalInterface
interface PhotoHandler {
  Mono<ServedPhoto> serve(UUID requestId);
}
