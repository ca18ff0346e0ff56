package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.ms;
import static dev.caas.workshop.checker.Figures.rate;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.theory.Theory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Size the pool, answered in a file and graded against the theory and a measurement of the real
 * thing: loom-gathered at L = 100 ms on both proxies, 20 clients in a closed loop.
 *
 * <ol>
 *   <li>the throughput ceiling with a pool of 4: the database pool bounds it at P / (2·L_d),
 *       however many virtual threads wait. The prediction is right within 10 % of the theory or 25
 *       % of what the harness measures (a busy machine adds a few milliseconds to each step, and so
 *       lowers the ceiling a little);
 *   <li>the smallest pool for a median of at most 300 ms: R = C / X with X = min(C / T, P /
 *       (2·L_d)), so the pool must serve C / 300 ms. The answer must be that smallest pool or a
 *       little above it (a pool is also a cost: PostgreSQL runs a process per connection), and
 *       measured with it, the median must come near the target.
 * </ol>
 */
final class PoolSizeGrader implements Grader {
  static final Duration L = Duration.ofMillis(100);
  static final int CLIENTS = 20;
  static final int GIVEN_POOL = 4;
  static final double TARGET_MS = 300;

  /** A predicted ceiling within this share of the theory's is right... */
  static final double PREDICTION_TOLERANCE = 0.10;

  /** ...and so is one within this share of the measured ceiling. */
  static final double MEASURED_TOLERANCE = 0.25;

  /**
   * The measured median may exceed the target by this much: each step costs L plus what the machine
   * adds (on a busy two-core laptop, 10–20 ms a step), and the clients wait for every one of them.
   */
  static final double MEASURED_SLACK = 1.35;

  private static final int LARGEST_POOL = 200;

  /** The two answers. */
  record Answer(double ceilingRps, int poolSize) {
    static Answer read(Path file) throws IOException {
      var answers = AnswerFile.read(file);
      return new Answer(
          answers.number("ceiling.rps"), (int) answers.wholeNumber("pool.size", 1, LARGEST_POOL));
    }
  }

  /** The theory's closed loop for this setting with a pool of {@code pool}. */
  static Theory theory(int pool) {
    return Theory.closedLoop(
        Variant.Composition.GATHERED, L, L, CLIENTS, new Limits(null, pool, null, null));
  }

  /** The smallest pool whose predicted median meets the target. */
  static int smallestPool() {
    for (int pool = 1; pool <= LARGEST_POOL; pool++) {
      if (theory(pool).medianMs() <= TARGET_MS) {
        return pool;
      }
    }
    throw new IllegalStateException(
        "no pool up to " + LARGEST_POOL + " meets " + TARGET_MS + " ms");
  }

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    Answer answer;
    try {
      answer = Answer.read(subject.answer());
    } catch (IOException e) {
      return AnswerFile.unanswered(exercise, e, "the answers to both questions");
    }
    RunResult given;
    RunResult sized;
    try {
      given = measure(lab, subject, GIVEN_POOL, 50);
      sized = measure(lab, subject, answer.poolSize(), 100);
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    }
    String setting =
        "loom-gathered, " + CLIENTS + " clients, L = " + ms(L.toMillis()) + " on both proxies";
    for (RunResult run : List.of(given, sized)) {
      Optional<Verdict> broken = Correctness.check(exercise, run, List.of(setting + ":"));
      if (broken.isPresent()) {
        return broken.get();
      }
    }
    return verdict(exercise.wireName(), setting, answer, Measured.of(given), Measured.of(sized));
  }

  /** One pool as measured: its size, throughput and median. */
  record Measured(int pool, double rps, double medianMs) {
    static Measured of(RunResult run) {
      return new Measured(run.limits().dbPool(), run.throughputRps(), run.latency().medianMs());
    }
  }

  /**
   * The verdict on both answers. A failing one says which answer is off and roughly by how much
   * ({@link Miss}), and neither the measured figures nor the theory's: they are the answers. A
   * passing one shows both, with the formula.
   */
  static Verdict verdict(
      String exercise, String setting, Answer answer, Measured given, Measured sized) {
    var why = new ArrayList<String>();
    boolean ceilingRight = ceiling(answer, given, why);
    boolean poolRight = pool(answer, sized, why);
    if (ceilingRight && poolRight) {
      return Verdict.pass(exercise, why, List.of(setting + ":", row(given), row(sized)));
    }
    var misses = new ArrayList<String>();
    misses.add(
        ceilingRight
            ? "question 1: right."
            : "question 1: your "
                + Figures.asWritten(answer.ceilingRps())
                + "/s"
                + " with a pool of "
                + GIVEN_POOL
                + " is "
                + Miss.describe(answer.ceilingRps(), given.rps())
                + " against what the harness measured.");
    misses.add(poolRight ? "question 2: right." : why.get(1));
    return Verdict.fail(exercise, misses, List.of(setting + " (the figures show once you pass)."));
  }

  private static RunResult measure(Lab lab, Subject subject, int pool, int requests)
      throws IOException, Lab.NotMeasured {
    return lab.bench(
            "pool-" + pool,
            subject.jar(),
            Variant.LOOM_GATHERED,
            config ->
                config.latency(L).concurrency(CLIENTS).requests(requests).warmup(60).dbPool(pool))
        .runs()
        .getFirst();
  }

  /** Question 1; on a miss, the sentence is the passing one's, never shown (see verdict). */
  private static boolean ceiling(Answer answer, Measured given, List<String> why) {
    Theory theory = theory(GIVEN_POOL);
    double predicted = theory.throughputRps();
    Theory.Bound bound = theory.bounds().getFirst();
    String measured = "measured " + rate(given.rps()) + ", median " + ms(given.medianMs());
    double measuredRps = given.rps();
    if (Math.abs(answer.ceilingRps() - predicted) <= PREDICTION_TOLERANCE * predicted
        || Math.abs(answer.ceilingRps() - measuredRps) <= MEASURED_TOLERANCE * measuredRps) {
      why.add(
          "question 1: "
              + Figures.asWritten(answer.ceilingRps())
              + "/s"
              + " with a pool of "
              + GIVEN_POOL
              + ", the theory's "
              + rate(predicted)
              + " ("
              + bound.resource()
              + ": "
              + bound.formula()
              + "); "
              + measured
              + ".");
      return true;
    }
    why.add("question 1: off.");
    return false;
  }

  /**
   * Question 2. Its sentence on a miss is shown: it names the attendee's own pool and how far its
   * median missed the target, not the figures that would give the smallest pool away.
   */
  private static boolean pool(Answer answer, Measured sized, List<String> why) {
    int smallest = smallestPool();
    int pool = answer.poolSize();
    Theory theory = theory(pool);
    double median = sized.medianMs();
    String measured =
        "with a pool of "
            + pool
            + " the median was "
            + ms(median)
            + " (theory "
            + ms(theory.medianMs())
            + ", throughput "
            + rate(sized.rps())
            + ")";
    if (pool < smallest) {
      why.add(
          "question 2: with a pool of "
              + pool
              + (median > TARGET_MS
                  ? " the median was over the "
                      + ms(TARGET_MS)
                      + " target: "
                      + Miss.describe(median, TARGET_MS)
                      + "."
                  : " this run met the "
                      + ms(TARGET_MS)
                      + " target, by luck: by the theory that pool is too small for it."));
      return false;
    }
    if (pool > smallest + Math.max(2, Math.ceil(0.2 * smallest))) {
      why.add(
          "question 2: with a pool of "
              + pool
              + " the median was within the target, but a smaller pool meets it too, and every"
              + " connection is a PostgreSQL process: the question asks for the smallest.");
      return false;
    }
    if (median > MEASURED_SLACK * TARGET_MS) {
      why.add(
          "question 2: the theory agrees with "
              + pool
              + ", but "
              + measured
              + ", well over the "
              + ms(TARGET_MS)
              + " target: this machine was too busy to confirm it (a connection was busy "
              + ms(holdMs(sized))
              + " per step, where L_d is "
              + ms(L.toMillis())
              + "); run the check again.");
      return false;
    }
    String met =
        median <= TARGET_MS
            ? "within the " + ms(TARGET_MS) + " target"
            : "near enough the "
                + ms(TARGET_MS)
                + " target (within "
                + Math.round(100 * (MEASURED_SLACK - 1))
                + " % over it: a connection was busy "
                + ms(holdMs(sized))
                + " per step here, where L_d is "
                + ms(L.toMillis())
                + ")";
    why.add(
        "question 2: "
            + measured
            + ", "
            + met
            + ": X = "
            + theory.bounds().getFirst().formula()
            + " = "
            + rate(theory.throughputRps())
            + ", R = C / X.");
    return true;
  }

  /**
   * How long a connection was busy per database step, measured: the pool's P connections served X
   * requests per second of two steps each (utilisation law, the pool being the bottleneck), so P /
   * (2·X). The theory says L_d.
   */
  private static double holdMs(Measured run) {
    return run.pool() / (2 * run.rps()) * 1000;
  }

  /** {@code pool 4: 39/s, median 512 ms (theory 40/s, 500 ms; bottleneck database pool)} */
  private static String row(Measured run) {
    Theory theory = theory(run.pool());
    return "  pool "
        + run.pool()
        + ": "
        + rate(run.rps())
        + ", median "
        + ms(run.medianMs())
        + " (theory "
        + rate(theory.throughputRps())
        + ", "
        + ms(theory.medianMs())
        + "; bottleneck "
        + theory.bottleneck()
        + ")";
  }
}
