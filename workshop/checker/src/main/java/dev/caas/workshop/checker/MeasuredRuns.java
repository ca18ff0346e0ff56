package dev.caas.workshop.checker;

import dev.caas.contract.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs measured once and shared by every lab that asks for the same run again: the same jar (the
 * same file, unchanged), started as the same variant, measured the same way with the same settings.
 * Such a run measures the same thing twice, so the second ask gets the first answer. The checker's
 * own tests grade several candidates of an exercise (a starter's answers and the reference answers
 * of an answer-file exercise, or one real implementation that is the reference of two exercises)
 * and ask for the same run more than once; {@code caas check} grades one subject and never does.
 *
 * <p>A run that could not be measured is shared as well: its reason is the same for every ask.
 */
final class MeasuredRuns {
  /** What makes two runs the same run. */
  private record Key(
      String how, Path jar, long bytes, long modified, Variant variant, Object settings) {}

  /** The runs asked for, each done once; a second ask waits for the first to finish. */
  private final ConcurrentMap<Key, CompletableFuture<Object>> runs = new ConcurrentHashMap<>();

  /** A run, measured for the first ask only. */
  interface Run<T> {
    T measure() throws Exception;
  }

  /**
   * The result of the run of {@code jar} as {@code variant}, measured {@code how} with {@code
   * settings} (a value with equality: a record, a bench's config): measured now, or the one
   * measured before.
   *
   * @param settings everything that shapes the run apart from where its files go, which differs per
   *     lab
   */
  @SuppressWarnings("unchecked")
  <T> T measureOnce(String how, Path jar, Variant variant, Object settings, Run<T> run)
      throws Exception {
    var key =
        new Key(
            how,
            jar.toRealPath(),
            Files.size(jar),
            Files.getLastModifiedTime(jar).toMillis(),
            variant,
            settings);
    var mine = new CompletableFuture<Object>();
    CompletableFuture<Object> first = runs.putIfAbsent(key, mine);
    if (first == null) {
      try {
        mine.complete(run.measure());
      } catch (Exception e) {
        mine.completeExceptionally(e);
      }
      first = mine;
    }
    try {
      return (T) first.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the same run in another lab", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
  }
}
