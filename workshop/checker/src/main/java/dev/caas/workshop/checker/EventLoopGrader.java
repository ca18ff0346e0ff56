package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.ms;
import static dev.caas.workshop.checker.Figures.rate;
import static dev.caas.workshop.checker.Figures.ratio;

import dev.caas.harness.bench.RunResult;
import dev.caas.harness.text.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Don't block the event loop, graded two ways under load (16 clients at L on both proxies, more
 * requests in flight than a reactive server has event loops):
 *
 * <ul>
 *   <li>the variant's threads are sampled as {@code jcmd PID Thread.print} prints them while the
 *       load runs, and any Reactor Netty event loop caught parked or in a blocking read fails the
 *       exercise, naming the call;
 *   <li>no thread of any other pool may be caught waiting in the upstream call either: moving the
 *       blocking call to a pool made for blocking ({@code
 *       subscribeOn(Schedulers.boundedElastic())}) frees the event loops but holds a thread per
 *       request in flight, which is what the exercise asks to avoid; the verdict says which pool
 *       held how many threads;
 *   <li>the median must not run far from the theory's C / X. A loop blocked for each request's
 *       upstream call serves at most one request per L_u, so the whole server at most (event loops)
 *       / L_u: far below the theory. Latency is the weaker evidence on a busy machine, so its bound
 *       is generous.
 * </ul>
 */
final class EventLoopGrader implements Grader {
  /**
   * Long enough that a request costs the server little CPU for the time it waits: on a two-core
   * laptop the real variant then meets the theory, and the starter's ceiling (event loops / L_u) is
   * what its numbers show, not the CPU.
   */
  static final Duration L = Duration.ofMillis(250);

  /**
   * Eight times the four event loops of a small machine: the theory allows C / 3L ≈ 43/s (the
   * database pool of 20 allows 40/s), the blocked loops 4 / L_u = 16/s.
   */
  static final int CLIENTS = 32;

  /**
   * Three requests per client. The starter, its loops blocked, serves about 16/s: six seconds of
   * load, some thirty thread dumps, each of which catches its four loops blocked (a loop is blocked
   * for every request it serves). The real variant serves them in two and a half seconds.
   */
  static final int REQUESTS = 96;

  static final int WARMUP = 128;

  /**
   * A median this far above the theory means requests queued for something the theory does not
   * count (one thread serving every blocking call, say), even where no dump caught a blocked loop.
   * Generous: the thread dumps are the evidence, and a busy two-core machine alone can add half of
   * the theory or more.
   */
  static final double SLACK = 3.0;

  /** Without a single thread dump, latency is the only evidence left: held to this. */
  static final double SLACK_WITHOUT_DUMPS = 2.0;

  /**
   * A dump pauses the variant for a moment (a safepoint) and costs the checker a few milliseconds:
   * a few a second catch every request in flight many times over.
   */
  private static final Duration BETWEEN_DUMPS = Duration.ofMillis(200);

  /** How often the sampler, attached while the variant warms up, looks for the measuring phase. */
  private static final Duration BEFORE_MEASURING = Duration.ofMillis(10);

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    // The bench launches the jar by a link of the lab's (see Lab), which names the process.
    var sampler = new Sampler(lab.launchedJar(exercise.wireName(), exercise.variant()).toString());
    RunResult run;
    try {
      run =
          lab.bench(
                  exercise.wireName(),
                  subject.jar(),
                  exercise.variant(),
                  config ->
                      config.latency(L).concurrency(CLIENTS).requests(REQUESTS).warmup(WARMUP),
                  sampler)
              .runs()
              .getFirst();
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    } finally {
      sampler.stop();
    }
    var evidence = new ArrayList<String>();
    evidence.add(
        run.requests()
            + " requests from "
            + CLIENTS
            + " clients at L = "
            + ms(L.toMillis())
            + " on both proxies; "
            + dumps(sampler.dumps())
            + " taken while they ran"
            + (sampler.failure().isEmpty() ? "" : " (" + sampler.failure() + ")"));
    evidence.add("step medians " + Figures.stepMedians(run, L.toMillis()));
    Optional<Verdict> broken = Correctness.check(exercise, run, evidence);
    if (broken.isPresent()) {
      return broken.get();
    }

    double median = run.latency().medianMs();
    double theory = run.theory().medianMs();
    String load =
        "with "
            + CLIENTS
            + " clients the median is "
            + ms(median)
            + " = "
            + ratio(median / theory)
            + " the theory's "
            + ms(theory)
            + ", "
            + rate(run.throughputRps())
            + " where theory says "
            + rate(run.theory().throughputRps())
            + " (bottleneck: "
            + run.theory().bottleneck()
            + ")";
    int loops = sampler.eventLoops().size();
    String loopBound =
        loops == 0
            ? ""
            : "; "
                + loops
                + " event loops each held for L_u = "
                + ms(L.toMillis())
                + " serve at most "
                + rate(loops / (L.toMillis() / 1000.0));
    List<EventLoops.Blocked> blocked = sampler.blocked();
    if (!blocked.isEmpty()) {
      var threads = new TreeSet<String>();
      blocked.forEach(b -> threads.add(b.thread()));
      evidence.add("blocked event loops seen (first of each):");
      firstOfEach(blocked).forEach(b -> evidence.add("  " + b.describe()));
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              threads.size()
                  + " of the "
                  + loops
                  + " Netty event loops were caught blocked, in "
                  + sampler.dumpsWithBlocked()
                  + " of "
                  + dumps(sampler.dumps())
                  + " under load: "
                  + blocked.getFirst().describe()
                  + ".",
              // Not the loops' bound (event loops / L_u): that is the section's first question.
              load + ": every request kept an event loop to itself for its upstream call."),
          evidence);
    }
    Map<String, Integer> held = sampler.heldInTheUpstreamCall();
    if (!held.isEmpty()) {
      evidence.add("threads caught waiting in the upstream call (first of each pool):");
      firstOfEachPool(sampler.held()).forEach(b -> evidence.add("  " + b.describe()));
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              "no Netty event loop was caught blocked, but threads of another pool were caught"
                  + " waiting in the upstream call: "
                  + describe(held)
                  + ", in "
                  + sampler.dumpsWithHeld()
                  + " of "
                  + dumps(sampler.dumps())
                  + " under load.",
              load
                  + ": every request in flight still held a thread for its upstream round trip, only"
                  + " not an event loop; the exercise asks step 1 to wait without holding a"
                  + " thread."),
          evidence);
    }
    double slack = sampler.dumps() == 0 ? SLACK_WITHOUT_DUMPS : SLACK;
    if (median > slack * theory) {
      return Verdict.fail(
          exercise.wireName(),
          List.of(
              load + ".",
              "no event loop was caught blocked in "
                  + dumps(sampler.dumps())
                  + ", but requests queue for"
                  + " something the theory does not count"
                  + loopBound
                  + "."),
          evidence);
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            "no thread of any pool was caught waiting in the upstream call, and no Netty event"
                + " loop blocked, in "
                + dumps(sampler.dumps())
                + " under load; "
                + load
                + ".",
            run.ok() + " photos served, each billed once."),
        evidence);
  }

  private static String dumps(int count) {
    return count + (count == 1 ? " thread dump" : " thread dumps");
  }

  /** {@code boundedElastic: up to 16 threads at once} */
  private static String describe(Map<String, Integer> held) {
    var pools = new ArrayList<String>();
    held.forEach(
        (pool, most) ->
            pools.add(
                pool + " held up to " + most + (most == 1 ? " thread" : " threads") + " at once"));
    return String.join(", ", pools);
  }

  private static List<EventLoops.Blocked> firstOfEachPool(List<EventLoops.Blocked> blocked) {
    Map<String, EventLoops.Blocked> first = new LinkedHashMap<>();
    blocked.forEach(b -> first.putIfAbsent(EventLoops.pool(b.thread()), b));
    return List.copyOf(first.values());
  }

  private static List<EventLoops.Blocked> firstOfEach(List<EventLoops.Blocked> blocked) {
    Map<String, EventLoops.Blocked> first = new LinkedHashMap<>();
    blocked.forEach(b -> first.putIfAbsent(b.thread(), b));
    return List.copyOf(first.values());
  }

  /**
   * Takes thread dumps of the variant's JVM from the moment the bench starts measuring until it
   * stops. The variant is a child process of the checker, found by its jar on its command line; the
   * sampler attaches to it while it warms up, so that the first dump is taken as measuring starts.
   */
  private static final class Sampler implements Progress {
    private final String jar;
    private final List<ThreadDump> taken = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private volatile boolean measuring;
    private volatile boolean measured;
    private volatile boolean stopping;
    private volatile String failure = "";

    Sampler(String jar) {
      this.jar = jar;
    }

    @Override
    public void phase(String variant, String what) {
      if (what.startsWith("stopping")) {
        stopping = true;
      }
      measuring = what.startsWith("measuring");
      if (measuring) {
        measured = true;
      }
      if ((measuring || what.startsWith("warming up")) && thread == null) {
        thread = Thread.ofPlatform().daemon().name("thread-dumps").start(this::sample);
      }
    }

    @Override
    public void requests(String variant, int done, int total) {
      // Called on the load generator's threads: never wait here.
      if (total > 0 && done >= total) {
        measuring = false;
      }
    }

    @Override
    public void warn(String message) {}

    private void sample() {
      Optional<ProcessHandle> variant =
          ProcessHandle.current()
              .descendants()
              .filter(p -> p.info().commandLine().map(line -> line.contains(jar)).orElse(false))
              .findFirst();
      if (variant.isEmpty()) {
        failure = "the variant's process was not found";
        return;
      }
      try (var dumps = ThreadDump.Taker.attach(variant.get().pid())) {
        while (!measured && !stopping) {
          Thread.sleep(BEFORE_MEASURING);
        }
        while (measuring) {
          ThreadDump dump = dumps.take();
          // A dump that returns once the variant is stopping is not evidence. One that returns just
          // after the load ended is kept: with no request in flight a dump can show no thread
          // waiting, never one too many.
          if (!stopping) {
            taken.add(dump);
          }
          Thread.sleep(BETWEEN_DUMPS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure = e.getMessage();
      }
    }

    void stop() {
      measuring = false;
      stopping = true;
      Thread sampling = thread;
      if (sampling != null) {
        try {
          sampling.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    int dumps() {
      return taken.size();
    }

    String failure() {
      return failure;
    }

    TreeSet<String> eventLoops() {
      var names = new TreeSet<String>();
      taken.forEach(dump -> EventLoops.of(dump).forEach(t -> names.add(t.name())));
      return names;
    }

    List<EventLoops.Blocked> blocked() {
      var blocked = new ArrayList<EventLoops.Blocked>();
      taken.forEach(
          dump -> EventLoops.of(dump).forEach(t -> EventLoops.blocked(t).ifPresent(blocked::add)));
      return blocked;
    }

    /** Threads of other pools caught waiting in the upstream call, in every dump. */
    List<EventLoops.Blocked> held() {
      var held = new ArrayList<EventLoops.Blocked>();
      taken.forEach(dump -> held.addAll(EventLoops.heldInTheUpstreamCall(dump)));
      return held;
    }

    /** For each pool, the most of its threads caught waiting in the upstream call in one dump. */
    Map<String, Integer> heldInTheUpstreamCall() {
      var most = new TreeMap<String, Integer>();
      for (ThreadDump dump : taken) {
        var inThisDump = new TreeMap<String, Integer>();
        EventLoops.heldInTheUpstreamCall(dump)
            .forEach(b -> inThisDump.merge(EventLoops.pool(b.thread()), 1, Integer::sum));
        inThisDump.forEach((pool, count) -> most.merge(pool, count, Math::max));
      }
      return most;
    }

    long dumpsWithHeld() {
      return taken.stream()
          .filter(dump -> !EventLoops.heldInTheUpstreamCall(dump).isEmpty())
          .count();
    }

    long dumpsWithBlocked() {
      return taken.stream()
          .filter(
              dump -> EventLoops.of(dump).stream().anyMatch(t -> EventLoops.blocked(t).isPresent()))
          .count();
    }
  }
}
