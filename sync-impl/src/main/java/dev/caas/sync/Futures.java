package dev.caas.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for two gathered branches, the way a thread-pool program does it. */
final class Futures {
  private Futures() {}

  /**
   * Blocks until both branches have finished, then rethrows the first failure as it was thrown (a
   * {@link dev.caas.contract.StepFailure}, not a wrapper). A failure does not cancel the other
   * branch: {@code CompletableFuture.cancel} only keeps a task from starting, and for one that runs
   * it returns at once while the task goes on. The billing branch's INSERT could then commit after
   * the request's compensation had deleted nothing, and the request would stay billed. So the other
   * branch is awaited; every step is bounded by the request's deadline, and so is this wait.
   */
  static void awaitBoth(CompletableFuture<?> first, CompletableFuture<?> second) {
    try {
      CompletableFuture.anyOf(failed(first), failed(second), CompletableFuture.allOf(first, second))
          .join();
    } catch (CompletionException e) {
      CompletableFuture.allOf(first, second).exceptionally(ignored -> null).join();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Completes exceptionally as soon as {@code branch} fails; never completes normally. */
  private static CompletableFuture<Object> failed(CompletableFuture<?> branch) {
    var failure = new CompletableFuture<Object>();
    branch.whenComplete(
        (result, error) -> {
          if (error != null) {
            failure.completeExceptionally(error);
          }
        });
    return failure;
  }
}
