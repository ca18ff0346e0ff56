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
    var evidence = new ArrayList<String>();
    evidence.add(
        exercise.variant().wireName()
            + ", "
            + SERVER_THREADS
            + " server threads, a database pool of "
            + DB_POOL
            + ", L = "
            + ms(L.toMillis())
            + " on both proxies, closed loops of "
            + CLIENTS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow()
            + " clients:");
    for (RunResult run : runs) {
      Optional<Verdict> broken = Correctness.check(exercise, run, evidence);
      if (broken.isPresent()) {
        return broken.get();
      }
    }
    var why = new ArrayList<String>();
    int wrong = 0;
    for (int i = 0; i < predicted.size(); i++) {
      Point point = predicted.get(i);
      RunResult run = runs.get(i);
      double rps = run.throughputRps();
      double median = run.latency().medianMs();
      boolean rpsRight = within(point.throughputRps(), rps);
      boolean medianRight = within(point.medianMs(), median);
      wrong += (rpsRight ? 0 : 1) + (medianRight ? 0 : 1);
      why.add(
          point.clients()
              + " clients: you predicted "
              + rate(point.throughputRps())
              + " and "
              + ms(point.medianMs())
              + "; measured "
              + rate(rps)
              + " ("
              + error(point.throughputRps(), rps)
              + (rpsRight ? "" : ", off")
              + ") and a median of "
              + ms(median)
              + " ("
              + error(point.medianMs(), median)
              + (medianRight ? "" : ", off")
              + ").");
      evidence.add(
          "  "
              + point.clients()
              + " clients: "
              + run.requests()
              + " requests, "
              + rate(rps)
              + ", median "
              + ms(median)
              + " (bottleneck: "
              + run.theory().bottleneck()
              + ")");
    }
    if (wrong > 0) {
      why.addFirst(
          wrong
              + " of the "
              + 2 * predicted.size()
              + " predictions are more than "
              + TOLERANCE_PERCENT
              + " % from what was measured:");
      return Verdict.fail(exercise.wireName(), why, evidence);
    }
    why.addFirst("every prediction within " + TOLERANCE_PERCENT + " % of what was measured:");
    why.add(
        "The queueing network of the harness (Mean Value Analysis) predicts "
            + describe(network().curve(CLIENTS))
            + ": at 6 clients the curve bends below both bounds.");
    return Verdict.pass(exercise.wireName(), why, evidence);
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
