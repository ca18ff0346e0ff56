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
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Don't block the event loop, graded two ways under load (16 clients at L on both proxies, more
 * requests in flight than a reactive server has event loops):
 *
 * <ul>
 *   <li>the variant's threads are sampled with {@code jcmd PID Thread.print} while the load runs,
 *       and any Reactor Netty event loop caught parked or in a blocking read fails the exercise,
 *       naming the call;
 *   <li>the median must not run far from the theory's C / X. A loop blocked for each request's
 *       upstream call serves at most one request per L_u, so the whole server at most (event loops)
 *       / L_u: far below the theory. Latency is the weaker evidence on a busy machine, so its bound
 *       is generous.
 * </ul>
 */
final class EventLoopGrader implements Grader {
  static final Duration L = Duration.ofMillis(50);
  static final int CLIENTS = 16;
  static final int REQUESTS = 128;
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
   * jcmd is a JVM of its own: a few dumps are enough, more would take the cores from what is
   * measured.
   */
  private static final Duration BETWEEN_DUMPS = Duration.ofMillis(300);

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    // The bench launches the jar under the name of the variant's module (see Lab).
    var sampler =
        new Sampler(exercise.variant().model().module() + "-" + Lab.version() + "-all.jar");
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
      return Verdict.fail(
          exercise.wireName(),
          List.of("it did not run: " + e.getMessage()),
          List.of(),
          "run ./caas check " + exercise.wireName() + " again after fixing what the log says.");
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
              load
                  + loopBound
                  + ": every request kept an event loop to itself for its upstream call."),
          evidence,
          hint());
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
          evidence,
          hint());
    }
    return Verdict.pass(
        exercise.wireName(),
        List.of(
            "no Netty event loop was caught blocked in "
                + dumps(sampler.dumps())
                + " under load, and "
                + load
                + ".",
            run.ok() + " photos served, each billed once."),
        evidence);
  }

  private static String dumps(int count) {
    return count + (count == 1 ? " thread dump" : " thread dumps");
  }

  private static List<EventLoops.Blocked> firstOfEach(List<EventLoops.Blocked> blocked) {
    Map<String, EventLoops.Blocked> first = new LinkedHashMap<>();
    blocked.forEach(b -> first.putIfAbsent(b.thread(), b));
    return List.copyOf(first.values());
  }

  private static String hint() {
    return "Mono.fromCallable runs its callable on the thread that subscribes, here an event loop. Use the parts'"
        + " non-blocking CanineUpstream (WebClient), or at the very least subscribeOn a scheduler made for"
        + " blocking calls (it costs a thread per request in flight).";
  }

  /**
   * Takes thread dumps of the variant's JVM from the moment the bench starts measuring until it
   * stops. The variant is a child process of the checker, found by its jar on its command line.
   */
  private static final class Sampler implements Progress {
    private final String jar;
    private final List<ThreadDump> taken = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private volatile boolean measuring;
    private volatile String failure = "";

    Sampler(String jar) {
      this.jar = jar;
    }

    @Override
    public void phase(String variant, String what) {
      if (what.startsWith("measuring") && thread == null) {
        measuring = true;
        thread = Thread.ofPlatform().daemon().name("thread-dumps").start(this::sample);
      } else if (!what.startsWith("measuring")) {
        measuring = false;
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
      while (measuring) {
        try {
          ThreadDump dump = ThreadDump.of(variant.get().pid());
          // A dump that returns after the load ended may show the variant stopping: not evidence.
          if (measuring) {
            taken.add(dump);
          }
          Thread.sleep(BETWEEN_DUMPS);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          failure = e.getMessage();
          return;
        }
      }
    }

    void stop() {
      measuring = false;
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

    long dumpsWithBlocked() {
      return taken.stream()
          .filter(
              dump -> EventLoops.of(dump).stream().anyMatch(t -> EventLoops.blocked(t).isPresent()))
          .count();
    }
  }
}
