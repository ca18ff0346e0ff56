package dev.caas.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for two gathered branches, the way a thread-pool program does it. */
final class Futures {
  private Futures() {}

  /**
   * Blocks until both branches have finished. If one fails, the other is cancelled (which only
   * stops it if it has not started: {@code CompletableFuture} never interrupts a running task) and
   * still awaited, so that nothing of the request runs on after it has been answered; then the
   * first failure is rethrown as it was thrown (a {@link dev.caas.contract.StepFailure}, not a
   * wrapper).
   */
  static void awaitBoth(CompletableFuture<?> first, CompletableFuture<?> second) {
    try {
      CompletableFuture.anyOf(failed(first), failed(second), CompletableFuture.allOf(first, second))
          .join();
    } catch (CompletionException e) {
      first.cancel(false);
      second.cancel(false);
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
