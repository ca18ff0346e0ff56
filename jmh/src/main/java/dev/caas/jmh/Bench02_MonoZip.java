package dev.caas.jmh;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.RequestTimeline;
import dev.caas.contract.Step;
import dev.caas.jmh.ThreeSteps.Served;
import java.util.concurrent.TimeUnit;
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
import reactor.core.publisher.Mono;

/**
 *
 *
 * <h2>A {@code Mono} chain vs {@code Mono.zip}</h2>
 *
 * <p>The reactive handler chains step 2 and step 3 with {@code then}, or subscribes to both at once
 * with {@code Mono.zip}. With real I/O, zip overlaps the two database round trips on one event
 * loop. Here the steps are {@code Mono.fromSupplier} around CPU work, so everything runs on the
 * subscribing thread, one step after the other, whichever operator composes them: zip starts both,
 * but the first one finishes before the second one is even subscribed. What is measured is the
 * operators: assembling the pipeline, subscribing, passing the values along, and the {@link
 * RequestTimeline} spans.
 *
 * <ul>
 *   <li>{@code baseline}: the three steps called one after the other, no pipeline, no timeline.
 *   <li>{@code measureSequential}: the reactive handler's sequential shape, {@code flatMap} then
 *       {@code then}.
 *   <li>{@code measureGathered}: its gathered shape, {@code flatMap} then {@code Mono.zip}.
 * </ul>
 *
 * <p>{@code block()} is only there to hand the result to JMH; in WebFlux the server subscribes
 * instead. Nothing blocks in it: the value is already there when it is asked for.
 *
 * <p>What to expect: both pipelines cost under a microsecond over the baseline, about the same as
 * each other: a kilobyte or so of operator and subscriber objects ({@code -prof gc} shows it), the
 * timeline, and no thread hand-off. With big steps ({@code tokens = 10000}) gathered is no faster
 * than sequential: zip overlaps waiting, it does not add a core. Compare with 01 and 03, where
 * gathering hands the steps to other threads and so pays microseconds, but can use a second core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Bench02_MonoZip {

  @Benchmark
  public Served baseline(ThreeSteps steps) {
    return steps.untimed();
  }

  @Benchmark
  public Served measureSequential(ThreeSteps steps) {
    var timeline = RequestTimeline.start();
    // 1. upstream
    return time(timeline, UPSTREAM, Mono.fromSupplier(steps::upstream))
        .flatMap(
            photo ->
                // 2. billing
                time(timeline, BILLING, Mono.fromSupplier(() -> steps.billing(photo)))
                    // 3. name, once billing is done
                    .then(time(timeline, NAME, Mono.fromSupplier(() -> steps.name(photo))))
                    .map(dogName -> new Served(photo, dogName, timeline)))
        .block();
  }

  @Benchmark
  public Served measureGathered(ThreeSteps steps) {
    var timeline = RequestTimeline.start();
    // 1. upstream
    return time(timeline, UPSTREAM, Mono.fromSupplier(steps::upstream))
        .flatMap(
            photo ->
                Mono.zip(
                    // 2. billing and 3. name: zip subscribes to both
                    time(timeline, BILLING, Mono.fromSupplier(() -> steps.billing(photo))),
                    time(timeline, NAME, Mono.fromSupplier(() -> steps.name(photo))),
                    (billed, dogName) -> new Served(photo, dogName, timeline)))
        .block();
  }

  /** Times one step from subscription to its result, as the reactive handler does. */
  private static <T> Mono<T> time(RequestTimeline timeline, Step step, Mono<T> work) {
    return Mono.defer(
        () -> {
          var span = timeline.begin(step);
          return work.doOnSuccess(result -> span.end());
        });
  }

  /** Runs this class alone; takes the jar's options too, e.g. {@code -f 1 -wi 2 -i 3}. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    var options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(Bench02_MonoZip.class.getSimpleName())
            .build();
    new Runner(options).run();
  }
}
