package dev.caas.workshop.checker;

import static dev.caas.workshop.checker.Figures.ms;
import static dev.caas.workshop.checker.Figures.rate;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.VariantNetwork;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Predict the knee, answered in a file before anything runs: the throughput and the median of
 * sync-sequential with {@value #SERVER_THREADS} server threads and a database pool of {@value
 * #DB_POOL}, at L = 100 ms on both proxies, with 2, 6 and 24 clients in a closed loop. Then the
 * harness measures the real variant at those three points, in one launch (a concurrency sweep), and
 * every prediction must be within {@value #TOLERANCE_PERCENT} % of what it measured.
 *
 * <p>Two clients ask C / T; twenty-four queue for the pool, which serves P / (2·L_d) whatever
 * waits; six sit at the corner where the two bounds meet, and there the real curve bends below both
 * (a request finds others ahead of it at the pool): the queueing network of the harness ({@link
 * VariantNetwork}, solved by Mean Value Analysis) says by how much, and a passing verdict shows it
 * beside the answers.
 */
final class KneeGrader implements Grader {
  static final Duration L = Duration.ofMillis(100);
  static final int SERVER_THREADS = 8;
  static final int DB_POOL = 4;
  static final List<Integer> CLIENTS = List.of(2, 6, 24);

  /**
   * A prediction this close to the measurement is right. A busy two-core machine adds 5–20 ms to
   * each of the three steps of 100 ms, so the measured request is up to a fifth slower than any
   * prediction from the latencies alone: the tolerance leaves that, and no more.
   */
  static final int TOLERANCE_PERCENT = 25;

  /** Each point sends this many requests per client, the first point at least {@link #REQUESTS}. */
  static final int REQUESTS_PER_CLIENT = 3;

  static final int REQUESTS = 12;
  static final int WARMUP = 100;

  /** One point's two predictions. */
  record Point(int clients, double throughputRps, double medianMs) {}

  static List<Point> read(AnswerFile answers) throws IOException {
    var points = new ArrayList<Point>();
    for (int clients : CLIENTS) {
      points.add(
          new Point(
              clients,
              answers.number("clients." + clients + ".rps"),
              answers.number("clients." + clients + ".median.ms")));
    }
    return points;
  }

  /** The queueing network of this setting: what the harness predicts, for the passing verdict. */
  static VariantNetwork network() {
    return VariantNetwork.builder()
        .composition(Variant.Composition.SEQUENTIAL)
        .upstreamLatency(L)
        .dbLatency(L)
        .serverThreads(SERVER_THREADS)
        .dbPool(DB_POOL)
        .build();
  }

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    List<Point> predicted;
    try {
      predicted = read(AnswerFile.read(subject.answer()));
    } catch (IOException e) {
      return AnswerFile.unanswered(exercise, e, "all six predictions");
    }
    List<RunResult> runs;
    try {
      runs =
          lab.bench(
                  exercise.wireName(),
                  subject.jar(),
                  exercise.variant(),
                  config ->
                      config
                          .scenario(
                              new Scenario.ConcurrencySweep(
                                  CLIENTS, Scenario.Flavour.BOTH, REQUESTS_PER_CLIENT))
                          .latency(L)
                          .requests(REQUESTS)
                          .warmup(WARMUP)
                          .serverThreads(SERVER_THREADS)
                          .dbPool(DB_POOL))
              .runs();
    } catch (Lab.NotMeasured e) {
      return Verdict.didNotRun(exercise.wireName(), e.getMessage());
    }
    String setting =
        exercise.variant().wireName()
            + ", "
            + SERVER_THREADS
            + " server threads, a database pool of "
            + DB_POOL
            + ", L = "
            + ms(L.toMillis())
            + " on both proxies, closed loops of "
            + CLIENTS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow()
            + " clients";
    var measured = new ArrayList<Measured>();
    for (int i = 0; i < runs.size(); i++) {
      RunResult run = runs.get(i);
      Optional<Verdict> broken = Correctness.check(exercise, run, List.of(setting + ":"));
      if (broken.isPresent()) {
        return broken.get();
      }
      measured.add(
          new Measured(
              CLIENTS.get(i),
              run.requests(),
              run.throughputRps(),
              run.latency().medianMs(),
              run.theory().bottleneck()));
    }
    return verdict(exercise.wireName(), setting, predicted, measured);
  }

  /**
   * One point as measured: its clients, requests, throughput, median and the theory's bottleneck.
   */
  record Measured(int clients, int requests, double rps, double medianMs, String bottleneck) {}

  /**
   * The verdict on the six predictions. A failing one says which are off, in which direction and
   * roughly by how much ({@link Miss}), and prints no measured figure: the check is graded before
   * anything is shown, so the figures cannot be copied into the answer file. A passing one shows
   * the measurements and the queueing network's curve.
   */
  static Verdict verdict(
      String exercise, String setting, List<Point> predicted, List<Measured> measured) {
    var why = new ArrayList<String>();
    var misses = new ArrayList<String>();
    var evidence = new ArrayList<String>();
    evidence.add(setting + ":");
    int wrong = 0;
    for (int i = 0; i < predicted.size(); i++) {
      Point point = predicted.get(i);
      Measured run = measured.get(i);
      boolean rpsRight = within(point.throughputRps(), run.rps());
      boolean medianRight = within(point.medianMs(), run.medianMs());
      wrong += (rpsRight ? 0 : 1) + (medianRight ? 0 : 1);
      misses.add(
          point.clients()
              + " clients: throughput "
              + (rpsRight ? "right" : Miss.describe(point.throughputRps(), run.rps()))
              + ", median "
              + (medianRight ? "right" : Miss.describe(point.medianMs(), run.medianMs()))
              + ".");
      why.add(
          point.clients()
              + " clients: you predicted "
              + Figures.asWritten(point.throughputRps())
              + "/s and "
              + Figures.asWritten(point.medianMs())
              + " ms"
              + "; measured "
              + rate(run.rps())
              + " ("
              + error(point.throughputRps(), run.rps())
              + ") and a median of "
              + ms(run.medianMs())
              + " ("
              + error(point.medianMs(), run.medianMs())
              + ").");
      evidence.add(
          "  "
              + point.clients()
              + " clients: "
              + run.requests()
              + " requests, "
              + rate(run.rps())
              + ", median "
              + ms(run.medianMs())
              + " (bottleneck: "
              + run.bottleneck()
              + ")");
    }
    if (wrong > 0) {
      misses.addFirst(
          wrong
              + " of the "
              + 2 * predicted.size()
              + " predictions are more than "
              + TOLERANCE_PERCENT
              + " % from what was measured (the measured figures show once every prediction is"
              + " within it):");
      return Verdict.fail(exercise, misses, List.of(setting + "."));
    }
    why.addFirst("every prediction within " + TOLERANCE_PERCENT + " % of what was measured:");
    why.add(
        "The queueing network of the harness (Mean Value Analysis) predicts "
            + describe(network().curve(CLIENTS))
            + ": at 6 clients the curve bends below both bounds.");
    return Verdict.pass(exercise, why, evidence);
  }

  private static boolean within(double predicted, double measured) {
    return Math.abs(predicted - measured) <= TOLERANCE_PERCENT / 100.0 * measured;
  }

  /** {@code +12 %} */
  private static String error(double predicted, double measured) {
    return String.format(Locale.ROOT, "%+.0f %%", 100 * (predicted - measured) / measured);
  }

  /** {@code 6.4/s and 312 ms at 2 clients, …} */
  private static String describe(List<Prediction> curve) {
    var points = new ArrayList<String>();
    for (int i = 0; i < curve.size(); i++) {
      Prediction p = curve.get(i);
      points.add(
          rate(p.throughputPerSecond())
              + " and "
              + ms(1000 * p.medianSeconds())
              + " at "
              + CLIENTS.get(i)
              + " clients");
    }
    return String.join(", ", points);
  }
}
