package dev.caas.jmh;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogPhoto;
import dev.caas.contract.RequestTimeline;
import dev.caas.jmh.ThreeSteps.Served;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 *
 *
 * <h2>Sequential calls vs steps gathered with {@code CompletableFuture} on a platform pool</h2>
 *
 * <p>The sync variant's gathered handler runs step 1 on the request's thread, then hands steps 2
 * and 3 to a fixed pool of platform threads and blocks until both are done. Under injected latency
 * that saves a whole step: the two waits overlap. Here nothing waits, so what is left is the price
 * of the composition itself: two tasks put on the pool's queue, two parked pool threads woken by
 * the operating system, the request's thread parked until both are done and woken again.
 *
 * <ul>
 *   <li>{@code baseline}: the three steps called one after the other, no timeline: the work itself.
 *   <li>{@code measureSequential}: the sync handler's sequential shape, {@link RequestTimeline}
 *       included; the difference to the baseline is the Server-Timing bookkeeping.
 *   <li>{@code measureGathered}: steps 2 and 3 on the pool, waited for with {@code
 *       allOf(...).join()}.
 *   <li>{@code measureGatheredFailFast}: the same, waited for the way the sync handler's {@code
 *       Futures} does it: on both results <em>or</em> the first failure, whichever comes first.
 * </ul>
 *
 * <p>What to expect: with tiny steps ({@code tokens = 10}) the sequential handler costs a few
 * hundred nanoseconds above the baseline (the timeline reads the clock seven times and allocates a
 * little), and gathering costs tens of microseconds more per request: thread wake-ups, not work.
 * The fail-fast wait adds a few objects and callbacks; whatever that costs is lost in the noise of
 * the wake-ups. With big steps ({@code tokens = 10000}) gathering could win back up to a third, but
 * only when two cores are idle; on a busy machine it does not. That is the point the load tests
 * make from the other side: gathering pays for waits, which need no core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class Bench01_SequentialVsGatheredFutures {

  private ExecutorService gatherPool;

  @Setup
  public void startPool() {
    // Two threads: one request at a time needs exactly two at once.
    gatherPool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("gather-", 0).factory());
  }

  @TearDown
  public void stopPool() {
    gatherPool.shutdownNow();
  }

  @Benchmark
  public Served baseline(ThreeSteps steps) {
    return steps.untimed();
  }

  @Benchmark
  public Served measureSequential(ThreeSteps steps) {
    return steps.timedSequential();
  }

  @Benchmark
  public Served measureGathered(ThreeSteps steps) {
    var timeline = RequestTimeline.start();
    // 1. upstream
    DogPhoto photo = timeline.time(UPSTREAM, steps::upstream);
    // 2. billing and 3. name at the same time, each on a thread of the gather pool
    var billing =
        CompletableFuture.supplyAsync(
            () -> timeline.time(BILLING, () -> steps.billing(photo)), gatherPool);
    var dogName =
        CompletableFuture.supplyAsync(
            () -> timeline.time(NAME, () -> steps.name(photo)), gatherPool);
    CompletableFuture.allOf(billing, dogName).join();
    return new Served(photo, dogName.join(), timeline);
  }

  @Benchmark
  public Served measureGatheredFailFast(ThreeSteps steps) {
    var timeline = RequestTimeline.start();
    // 1. upstream
    DogPhoto photo = timeline.time(UPSTREAM, steps::upstream);
    // 2. billing and 3. name at the same time, each on a thread of the gather pool
    var billing =
        CompletableFuture.supplyAsync(
            () -> timeline.time(BILLING, () -> steps.billing(photo)), gatherPool);
    var dogName =
        CompletableFuture.supplyAsync(
            () -> timeline.time(NAME, () -> steps.name(photo)), gatherPool);
    // done when both are, or as soon as one fails
    CompletableFuture.anyOf(
            failureOf(billing), failureOf(dogName), CompletableFuture.allOf(billing, dogName))
        .join();
    return new Served(photo, dogName.join(), timeline);
  }

  /**
   * Fails when {@code branch} fails and never completes otherwise: the fail-fast half of the wait.
   */
  private static CompletableFuture<Object> failureOf(CompletableFuture<?> branch) {
    var failure = new CompletableFuture<Object>();
    branch.whenComplete(
        (result, error) -> {
          if (error != null) {
            failure.completeExceptionally(error);
          }
        });
    return failure;
  }

  /** Runs this class alone; takes the jar's options too, e.g. {@code -f 1 -wi 2 -i 3}. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    var options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(Bench01_SequentialVsGatheredFutures.class.getSimpleName())
            .build();
    new Runner(options).run();
  }
}
