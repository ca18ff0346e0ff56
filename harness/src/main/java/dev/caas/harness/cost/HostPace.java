package dev.caas.harness.cost;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * How fast the host runs this machine's cores right now: a fixed piece of work (a CRC-32 of 1 MiB,
 * a map of 12,000 boxed keys filled and read) timed in the CPU time of the one thread that does it,
 * every {@link #EVERY}, for as long as the bench runs.
 *
 * <p>Why: this machine is a virtual one on a shared host. The same probe of the same variant served
 * 953 requests a second with one client on one evening and 126 the next morning, and the CPU one
 * request costs every process tripled; nothing in the guest changed. A thread's CPU time counts the
 * moments the host took its core away or a neighbour slowed its caches (the guest cannot tell those
 * from running), and not the moments another thread of this machine ran instead. So the job's CPU
 * time follows the host, not the load the bench puts on the machine: measured here while six
 * saturated runs of one variant served between 447 and 610 requests a second, the job took 480 to
 * 607 µs and throughput × job time stayed within ±8 % (idle, between runs, the job took as long).
 *
 * <p>The queueing model uses it as a covariate, not a fit: a probe of the machine taken while the
 * job took 500 µs, used for a point during which it took 600 µs, serves 500/600 as many requests a
 * second ({@code ProbedMachine.atPace}). It costs the machine a quarter of one per cent of a core.
 */
public final class HostPace implements AutoCloseable {

  /** How often the job runs. */
  public static final Duration EVERY = Duration.ofMillis(200);

  /** Runs of the job before the first one timed: the JIT compiles it first. */
  static final int WARM_UP_JOBS = 300;

  /** The fewest timed jobs a reading is made of. */
  public static final int FEWEST_SAMPLES = 3;

  /** One timed job: when it ended ({@link System#nanoTime}) and the CPU time it took. */
  record Sample(long endNanos, long cpuNanos) {}

  /**
   * The host's pace over a window: the median CPU time of the job in it.
   *
   * @param medianMicros the median job's CPU time, µs (more is a slower host)
   * @param samples timed jobs in the window
   */
  public record Reading(double medianMicros, int samples) {
    public Reading {
      if (!(medianMicros > 0) || Double.isInfinite(medianMicros) || samples < 1) {
        throw new IllegalArgumentException(
            "a pace reading needs a positive time and samples: " + medianMicros + ", " + samples);
      }
    }

    /** {@code 512 µs (45 jobs)}. */
    public String describe() {
      return String.format(Locale.ROOT, "%.0f µs (%d jobs)", medianMicros, samples);
    }
  }

  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;

  private HostPace(Duration every) {
    sampler = Thread.ofPlatform().daemon().name("caas-host-pace").start(() -> sample(every));
  }

  /** Starts timing the job every {@link #EVERY} on a thread of its own, until {@link #close}. */
  public static HostPace start() {
    return new HostPace(EVERY);
  }

  /** The same at another interval (tests). */
  static HostPace every(Duration every) {
    return new HostPace(every);
  }

  private void sample(Duration every) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var work = new Job();
    for (int i = 0; i < WARM_UP_JOBS && !Thread.currentThread().isInterrupted(); i++) {
      work.run();
    }
    while (!Thread.currentThread().isInterrupted()) {
      long before = threads.getCurrentThreadCpuTime();
      work.run();
      long cpu = threads.getCurrentThreadCpuTime() - before;
      long end = System.nanoTime();
      synchronized (samples) {
        samples.add(new Sample(end, cpu));
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The pace between two {@link System#nanoTime} instants: the jobs that ended in it; empty when
   * fewer than {@value #FEWEST_SAMPLES} did (a window shorter than about half a second).
   */
  public Optional<Reading> between(long fromNanos, long toNanos) {
    long[] times;
    synchronized (samples) {
      times =
          samples.stream()
              .filter(s -> s.endNanos() >= fromNanos && s.endNanos() <= toNanos)
              .mapToLong(Sample::cpuNanos)
              .sorted()
              .toArray();
    }
    if (times.length < FEWEST_SAMPLES) {
      return Optional.empty();
    }
    return Optional.of(new Reading(median(times) / 1_000.0, times.length));
  }

  private static double median(long[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }

  /** Timed jobs so far. */
  int sampleCount() {
    synchronized (samples) {
      return samples.size();
    }
  }

  @Override
  public void close() {
    sampler.interrupt();
  }

  /**
   * The fixed work: the same bytes and keys every time (seeded), touching a megabyte, hashing and
   * allocating like a request's handling does, about half a millisecond on this machine.
   */
  static final class Job implements Runnable {
    private static final int KEYS = 12_000;
    private final byte[] bytes = new byte[1 << 20];
    private long checksum;

    Job() {
      new SplittableRandom(42).nextBytes(bytes);
    }

    @Override
    public void run() {
      var crc = new CRC32();
      crc.update(bytes);
      var names = new HashMap<Integer, String>();
      for (int key = 0; key < KEYS; key++) {
        names.put(key * 31, Integer.toString(key));
      }
      long lengths = 0;
      for (int key = 0; key < KEYS; key++) {
        lengths += names.get(key * 31).length();
      }
      // Kept, so the JIT cannot drop the work as unused.
      checksum += crc.getValue() + lengths;
    }

    long checksum() {
      return checksum;
    }
  }
}
