package dev.caas.blocking;

import java.util.UUID;

/** One request of a thread-per-request variant: runs on the request's thread and blocks it while it waits. */
@FunctionalInterface
public interface PhotoHandler {
  ServedPhoto serve(UUID requestId);
}
