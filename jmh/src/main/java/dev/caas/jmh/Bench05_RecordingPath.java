package dev.caas.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SynchronizedHistogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 *
 *
 * <h2>The load generator's recording path: what it costs to remember one latency</h2>
 *
 * <p>The harness is measured too: every answered request is recorded on whichever thread received
 * it, while other responses arrive on other threads. If recording were slow or contended, the
 * generator would add its own delay to the latencies it reports. Two threads record at once here
 * ({@code @Threads(2)}), each a stream of latencies in microseconds spread from 100 µs to 10 s,
 * into a histogram of the harness's shape (up to an hour, three significant digits).
 *
 * <ul>
 *   <li>{@code baseline}: fetch the next latency and record nothing.
 *   <li>{@code measureHistogramPerThread}: a plain {@link Histogram} per thread, added up at the
 *       end: no sharing at all, the floor for recording.
 *   <li>{@code measureSharedRecorder}: one {@link Recorder} for both threads, HdrHistogram's tool
 *       for recording from many threads while a reader takes interval histograms without stopping
 *       them.
 *   <li>{@code measureSharedSynchronizedHistogram}: one {@link SynchronizedHistogram}: a lock per
 *       record.
 *   <li>{@code measureSharedQueueOfSamples}: one {@link ConcurrentLinkedQueue} of boxed samples,
 *       made into a histogram after the run (not measured): the shape of the harness today, which
 *       keeps every sample (as a record) so that it can also draw them. The queue is emptied before
 *       each iteration.
 * </ul>
 *
 * <p>What to expect: every way costs from nanoseconds to a microsecond per sample, a thousand times
 * less than the milliseconds being measured, so none of them distorts the results. The per-thread
 * histogram is cheapest by far. The shared Recorder is not the next cheapest: each record does
 * several atomic updates on counters both threads write, where the lock does one; what the Recorder
 * buys is that a reader can take interval histograms without stopping the writers, not speed. The
 * queue allocates two objects per sample and keeps them, so the collector copies them: the dearest,
 * and still far below a millisecond.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class Bench05_RecordingPath {

  /** The harness's range: one microsecond to one hour, three significant digits. */
  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  @State(Scope.Benchmark)
  public static class Shared {
    final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    final SynchronizedHistogram synchronizedHistogram =
        new SynchronizedHistogram(HIGHEST_MICROS, 3);
    final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();

    @Setup(Level.Iteration)
    public void emptyQueue() {
      samples.clear();
    }
  }

  @State(Scope.Thread)
  public static class PerThread {
    final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    final long[] latencies = new long[4096];
    int next;

    @Setup
    public void drawLatencies() {
      // Log-uniform from 100 µs to 10 s, the same stream for every run.
      var random = new SplittableRandom(42);
      for (int i = 0; i < latencies.length; i++) {
        latencies[i] = Math.round(Math.pow(10, 2 + 5 * random.nextDouble()));
      }
    }

    long nextLatency() {
      next = (next + 1) & (latencies.length - 1);
      return latencies[next];
    }
  }

  @Benchmark
  public long baseline(PerThread mine) {
    return mine.nextLatency();
  }

  @Benchmark
  public void measureHistogramPerThread(PerThread mine) {
    mine.histogram.recordValue(mine.nextLatency());
  }

  @Benchmark
  public void measureSharedRecorder(PerThread mine, Shared shared) {
    shared.recorder.recordValue(mine.nextLatency());
  }

  @Benchmark
  public void measureSharedSynchronizedHistogram(PerThread mine, Shared shared) {
    shared.synchronizedHistogram.recordValue(mine.nextLatency());
  }

  @Benchmark
  public boolean measureSharedQueueOfSamples(PerThread mine, Shared shared) {
    return shared.samples.add(mine.nextLatency());
  }

  /** Runs this class alone; takes the jar's options too, e.g. {@code -f 1 -wi 2 -i 3}. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    var options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(Bench05_RecordingPath.class.getSimpleName())
            .build();
    new Runner(options).run();
  }
}
