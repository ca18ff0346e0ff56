package dev.caas.loom;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A request's forked subtasks, in the shape of structured concurrency: each {@link #fork} starts a
 * virtual thread; {@link #join} waits for all of them; the first failure interrupts the others and
 * is rethrown by {@code join} as it was thrown. Nothing forked outlives the block that opened the
 * scope.
 */
public final class Subtasks implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();

  /** The result of one subtask, readable after {@link #join}. */
  public static final class Subtask<T> implements Supplier<T> {
    private volatile T result;

    @Override
    public T get() {
      return result;
    }
  }

  public static Subtasks open() {
    return new Subtasks();
  }

  public <T> Subtask<T> fork(Supplier<T> work) {
    var subtask = new Subtask<T>();
    threads.add(
        Thread.ofVirtual()
            .name("subtask")
            .start(
                () -> {
                  try {
                    subtask.result = work.get();
                  } catch (RuntimeException e) {
                    if (firstFailure.compareAndSet(null, e)) {
                      cancelOthers();
                    }
                  }
                }));
    return subtask;
  }

  public Subtask<Void> fork(Runnable work) {
    return fork(
        () -> {
          work.run();
          return null;
        });
  }

  /** Waits for every subtask; rethrows the first failure once all have stopped. */
  public void join() {
    awaitAll();
    RuntimeException failure = firstFailure.get();
    if (failure != null) {
      throw failure;
    }
  }

  private void cancelOthers() {
    for (Thread thread : threads) {
      if (thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
  }

  private void awaitAll() {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          // The request itself was cancelled: cancel the subtasks, but still wait for them to stop.
          interrupted = true;
          cancelOthers();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Leaving the block cancels what is still running and waits for it. */
  @Override
  public void close() {
    cancelOthers();
    awaitAll();
  }
}
