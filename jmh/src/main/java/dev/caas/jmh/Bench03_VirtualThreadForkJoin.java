package dev.caas.jmh;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogPhoto;
import dev.caas.contract.RequestTimeline;
import dev.caas.jmh.ThreeSteps.Served;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 *
 *
 * <h2>Sequential calls vs two virtual threads forked and joined</h2>
 *
 * <p>The loom variant's gathered handler forks steps 2 and 3, each on a new virtual thread, and
 * joins both. There is no pool to borrow from: every request makes two threads and throws them
 * away. A virtual thread is a small heap object plus a task for the carrier pool (a {@code
 * ForkJoinPool} with one carrier per core), so making one is cheap; the join parks the caller until
 * both have finished.
 *
 * <p>In loom-impl the caller is itself a virtual thread, the request's, and that matters: a virtual
 * thread that joins unmounts and frees its carrier, and is resumed as one more task on the carrier
 * pool, where a platform thread that joins goes to sleep in the kernel and has to be woken by it.
 * So this class asks JMH to run the benchmark methods on virtual threads ({@code
 * -Djmh.executor=VIRTUAL} in {@code @Fork}); add {@code -jvmArgsAppend -Djmh.executor=PLATFORM} to
 * the command line to see the same code called from a platform thread.
 *
 * <ul>
 *   <li>{@code baseline}: the three steps called one after the other, no timeline.
 *   <li>{@code measureSequential}: the loom handler's sequential shape (the same code as the sync
 *       one).
 *   <li>{@code measureGathered}: steps 2 and 3 each on a virtual thread of its own, then both
 *       joined. The loom module's {@code Subtasks} adds a list of threads and a slot for the first
 *       failure: a few small objects, which this leaves out.
 * </ul>
 *
 * <p>What to expect: sequential costs what it costs in 01 (the same code). Forking and joining two
 * virtual threads from a virtual thread costs a few microseconds per request: far less than
 * starting platform threads (see 04), and less than handing the steps to a platform pool (see 01),
 * whose threads and caller all sleep and wake in the kernel. Called from a platform thread, the
 * same fork and join costs as much as the platform pool, or more. With big steps ({@code tokens =
 * 10000}) the forks can use the second core, if it is free.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The caller is a virtual thread, as the request's thread is in loom-impl.
@Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
public class Bench03_VirtualThreadForkJoin {

  @Benchmark
  public Served baseline(ThreeSteps steps) {
    return steps.untimed();
  }

  @Benchmark
  public Served measureSequential(ThreeSteps steps) {
    return steps.timedSequential();
  }

  @Benchmark
  public Served measureGathered(ThreeSteps steps) throws InterruptedException {
    var timeline = RequestTimeline.start();
    // 1. upstream
    DogPhoto photo = timeline.time(UPSTREAM, steps::upstream);
    // 2. billing and 3. name forked, each on a virtual thread of its own
    var dogName = new AtomicReference<String>();
    Thread billing =
        Thread.ofVirtual()
            .name("subtask")
            .start(() -> timeline.time(BILLING, () -> steps.billing(photo)));
    Thread naming =
        Thread.ofVirtual()
            .name("subtask")
            .start(() -> dogName.set(timeline.time(NAME, () -> steps.name(photo))));
    // join both
    billing.join();
    naming.join();
    return new Served(photo, dogName.get(), timeline);
  }

  /** Runs this class alone; takes the jar's options too, e.g. {@code -f 1 -wi 2 -i 3}. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    var options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(Bench03_VirtualThreadForkJoin.class.getSimpleName())
            .build();
    new Runner(options).run();
  }
}
