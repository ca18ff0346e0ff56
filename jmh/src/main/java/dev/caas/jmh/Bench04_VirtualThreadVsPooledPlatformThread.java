package dev.caas.jmh;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 *
 *
 * <h2>A new virtual thread vs a pooled platform thread vs a new platform thread</h2>
 *
 * <p>Each request needs a thread to run on. The sync variant borrows one from a bounded pool of
 * platform threads, made once and reused, because making a platform thread means a system call, a
 * native stack reserved by the operating system and a kernel scheduling entity. The loom variant
 * makes a new virtual thread for every request and drops it afterwards, because a virtual thread is
 * a heap object whose stack grows from a few hundred bytes. This measures one small task run each
 * way, from the moment it is handed over until its result is back.
 *
 * <ul>
 *   <li>{@code baseline}: the task run on the caller's own thread.
 *   <li>{@code measureVirtualThread}: {@code Thread.ofVirtual().start(task)}, then {@code join()}.
 *   <li>{@code measureVirtualThreadPerTaskExecutor}: the same through the executor most code uses,
 *       which also keeps track of its threads so that it can close.
 *   <li>{@code measurePooledPlatformThread}: {@code submit(task).get()} on a fixed pool of platform
 *       threads.
 *   <li>{@code measureNewPlatformThread}: {@code Thread.ofPlatform().start(task)}, then {@code
 *       join()}.
 * </ul>
 *
 * <p>What to expect: a new platform thread costs at least an order of magnitude more than the rest
 * (in a small virtual machine, more than half a millisecond). A new virtual thread costs about what
 * borrowing a pooled platform thread costs, when the caller is a platform thread as here: both are
 * a hand-off to a parked worker and a wake-up back, and the wake-ups dominate; the virtual thread
 * adds its allocation, the pool its queue. So a virtual thread per request is no dearer than a
 * pool, and needs no pool size to be chosen. Run with {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}
 * and the caller is a virtual thread too: then starting and joining a virtual thread never sleeps
 * in the kernel and gets an order of magnitude cheaper, while the platform pool does not. What this
 * does not show is what each thread costs <em>while it waits</em>, which is where the models really
 * differ; {@code -prof gc} shows the virtual thread's allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class Bench04_VirtualThreadVsPooledPlatformThread {

  /** The request's work, shrunk to almost nothing so that the thread is what is measured. */
  private static final Runnable TASK = () -> Blackhole.consumeCPU(10);

  private ExecutorService platformPool;
  private ExecutorService virtualThreadPerTask;

  @Setup
  public void startExecutors() {
    platformPool =
        Executors.newFixedThreadPool(2, Thread.ofPlatform().name("pooled-", 0).factory());
    virtualThreadPerTask = Executors.newVirtualThreadPerTaskExecutor();
  }

  @TearDown
  public void stopExecutors() {
    platformPool.shutdownNow();
    virtualThreadPerTask.shutdownNow();
  }

  @Benchmark
  public void baseline() {
    TASK.run();
  }

  @Benchmark
  public void measureVirtualThread() throws InterruptedException {
    Thread.ofVirtual().start(TASK).join();
  }

  @Benchmark
  public Object measureVirtualThreadPerTaskExecutor()
      throws InterruptedException, ExecutionException {
    return virtualThreadPerTask.submit(TASK).get();
  }

  @Benchmark
  public Object measurePooledPlatformThread() throws InterruptedException, ExecutionException {
    return platformPool.submit(TASK).get();
  }

  @Benchmark
  public void measureNewPlatformThread() throws InterruptedException {
    Thread.ofPlatform().start(TASK).join();
  }

  /** Runs this class alone; takes the jar's options too, e.g. {@code -f 1 -wi 2 -i 3}. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    var options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(Bench04_VirtualThreadVsPooledPlatformThread.class.getSimpleName())
            .build();
    new Runner(options).run();
  }
}
