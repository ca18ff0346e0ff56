package dev.caas.workshop.checker;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Variant;
import dev.caas.harness.cost.ConcurrencyModel;
import dev.caas.harness.cost.CostPart;
import dev.caas.harness.cost.HandlerShape;
import dev.caas.harness.cost.InFlightSample;
import dev.caas.harness.cost.JvmMeter;
import dev.caas.harness.cost.JvmSample;
import dev.caas.harness.cost.MeasuredWaitingCost;
import dev.caas.harness.cost.SlopeFit;
import dev.caas.harness.cost.WaitingRequestCost;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.variant.VariantJars;
import dev.caas.harness.variant.VariantProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * What a wait costs, answered in a file before anything runs: for a request waiting on the
 * upstream, how many platform threads and how many KiB of memory it holds, in loom (a virtual
 * thread per request) and in reactive (a pipeline of operators per request). Then each model's real
 * variant is measured in a small in-flight sweep: {@value #FIRST} to {@value #LAST} requests all
 * waiting at once on an upstream {@value #WAIT_MS} ms away. At each point the variant's threads are
 * dumped (the platform threads caught inside the upstream call are the ones the waiting requests
 * hold) and its JVM sampled after a full GC ({@link JvmMeter}): heap after GC, and resident memory,
 * the heap being pre-touched so that RSS grows only with what lives outside it. The slopes of those
 * against the requests in flight ({@link SlopeFit}, {@link MeasuredWaitingCost}) are what one more
 * waiting request costs.
 *
 * <p>Sync is not one of the two: its server pre-starts its pool of platform threads and hands
 * requests to them in turn, so how much of their stacks is resident depends on which threads served
 * before, not on the requests waiting now. A thread per waiting request is the starting point both
 * models are measured against.
 *
 * <p>A prediction of threads is right within {@value #THREADS_TOLERANCE} of the measured slope; of
 * memory, within a factor of {@value #MEMORY_FACTOR} either way (as {@code CostComparison} tells a
 * prediction that holds from one to question). A passing verdict shows the harness's own prediction
 * part by part ({@link WaitingRequestCost}).
 */
final class WaitingCostGrader implements Grader {
  static final int FIRST = 50;
  static final int LAST = 200;
  static final List<Integer> IN_FLIGHT = List.of(FIRST, 100, LAST);
  static final long WAIT_MS = 1500;
  static final double THREADS_TOLERANCE = 0.25;
  static final double MEMORY_FACTOR = 2.0;

  /**
   * The flags a memory measurement needs ({@code JvmFlags} explains each): a heap resident from the
   * start and of one size, so RSS grows only outside it, and native memory tracking.
   */
  static final List<String> MEASURING_JVM =
      List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary");

  /** A few clients at no latency: the JIT compiles the request path. */
  static final ClosedLoop WARMUP = new ClosedLoop(4, 200);

  /** The two models, each as one of the project's sequential variants. */
  static final List<Variant> MODELS = List.of(Variant.LOOM_SEQUENTIAL, Variant.REACTIVE_SEQUENTIAL);

  /** One model's predictions. */
  record Prediction(Variant variant, double threads, double kib) {}

  /** One model's slopes, per waiting request. */
  record Measured(Variant variant, SlopeFit threads, MeasuredWaitingCost memory) {
    /** Heap per request, and the resident memory outside the heap where it grew in a line. */
    double kib() {
      double nativeBytes = memory.resident().isReliable() ? memory.resident().slope() : 0;
      return (memory.heap().slope() + Math.max(0, nativeBytes)) / 1024;
    }
  }

  static List<Prediction> read(AnswerFile answers) throws IOException {
    var predictions = new ArrayList<Prediction>();
    for (Variant variant : MODELS) {
      String model = variant.model().name().toLowerCase(Locale.ROOT);
      predictions.add(
          new Prediction(
              variant,
              answers.number(model + ".platform.threads"),
              answers.number(model + ".kib")));
    }
    return predictions;
  }

  @Override
  public Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception {
    List<Prediction> predictions;
    try {
      predictions = read(AnswerFile.read(subject.answer()));
    } catch (IOException e) {
      return AnswerFile.unanswered(exercise, e, "all four predictions");
    }
    Path root = VariantJars.findProjectRoot(subject.jar()).orElse(null);
    var measured = new ArrayList<Measured>();
    for (Prediction predicted : predictions) {
      Path jar =
          predicted.variant() == exercise.variant() || root == null
              ? subject.jar()
              : Exercise.implementationJar(root, Lab.version(), predicted.variant());
      try {
        measured.add(
            lab.measureOnce(
                "in-flight sweep",
                jar,
                predicted.variant(),
                IN_FLIGHT,
                () -> sweep(lab, exercise, jar, predicted.variant())));
      } catch (Lab.NotMeasured e) {
        return Verdict.didNotRun(exercise.wireName(), e.getMessage());
      }
    }
    return verdict(exercise.wireName(), predictions, measured);
  }

  /**
   * The verdict on the predictions, one model's measurement beside each. A failing one says which
   * prediction is off, in which direction and roughly by how much ({@link Miss}), and prints no
   * measured figure: the slopes are the answers. A passing one shows the slopes and the harness's
   * own prediction part by part.
   */
  static Verdict verdict(String exercise, List<Prediction> predictions, List<Measured> measured) {
    var why = new ArrayList<String>();
    boolean right = true;
    for (int i = 0; i < predictions.size(); i++) {
      right &= judge(predictions.get(i), measured.get(i), why);
    }
    String setting =
        IN_FLIGHT
            + " requests waiting at once on the upstream, "
            + WAIT_MS
            + " ms away; per point the variant's JVM after a full GC";
    if (!right) {
      why.clear();
      for (int i = 0; i < predictions.size(); i++) {
        why.add(miss(predictions.get(i), measured.get(i)));
      }
      return Verdict.fail(exercise, why, List.of(setting + " (the figures show once you pass)."));
    }
    var evidence = new ArrayList<String>();
    evidence.add(setting + ":");
    measured.forEach(m -> evidence.add(evidence(m)));
    for (Prediction predicted : predictions) {
      WaitingRequestCost parts =
          WaitingRequestCost.predict(
              ConcurrencyModel.ofVariant(predicted.variant().wireName()), HandlerShape.DEFAULT);
      why.add(
          predicted.variant().model().name().toLowerCase(Locale.ROOT)
              + ", as the harness predicts it part by part: "
              + kib(parts.totalBytes() / 1024.0)
              + ", the largest part: "
              + parts.largest(largerOf(parts)).what()
              + ".");
    }
    return Verdict.pass(exercise, why, evidence);
  }

  /**
   * {@code loom-sequential: platform threads right; KiB per waiting request more than 2× too high}
   */
  private static String miss(Prediction predicted, Measured measured) {
    double threads = measured.threads().slope();
    String threadsSaid =
        Math.abs(predicted.threads() - threads) <= THREADS_TOLERANCE
            ? "right (within " + THREADS_TOLERANCE + ")"
            : Miss.direction(predicted.threads(), threads) + " by more than " + THREADS_TOLERANCE;
    String kibSaid =
        kibRight(predicted, measured.kib())
            ? "right (within " + number(MEMORY_FACTOR) + "×)"
            : Miss.describe(predicted.kib(), measured.kib());
    return predicted.variant().wireName()
        + ": platform threads held "
        + threadsSaid
        + "; KiB per waiting request "
        + kibSaid
        + ".";
  }

  private static boolean kibRight(Prediction predicted, double kib) {
    return kib > 0
        && predicted.kib() > 0
        && Math.max(predicted.kib() / kib, kib / predicted.kib()) <= MEMORY_FACTOR;
  }

  /** Where most of a prediction lives: the heap, or native memory. */
  private static CostPart.Memory largerOf(WaitingRequestCost parts) {
    return parts.nativeBytes() > parts.heapBytes() ? CostPart.Memory.NATIVE : CostPart.Memory.HEAP;
  }

  private static boolean judge(Prediction predicted, Measured measured, List<String> why) {
    double threads = measured.threads().slope();
    double kib = measured.kib();
    boolean threadsRight = Math.abs(predicted.threads() - threads) <= THREADS_TOLERANCE;
    boolean kibRight = kibRight(predicted, kib);
    why.add(
        predicted.variant().wireName()
            + ": you predicted "
            + number(predicted.threads())
            + " platform threads held and "
            + kib(predicted.kib())
            + " per waiting request; measured "
            + number(threads)
            + (threadsRight ? "" : " (off)")
            + " and "
            + kib(kib)
            + (kibRight ? "" : " (off)")
            + ": "
            + kib(measured.memory().heap().slope() / 1024)
            + " of heap, "
            + (measured.memory().resident().isReliable()
                ? kib(measured.memory().resident().slope() / 1024) + " resident outside it"
                : "and no resident memory that grew in a line with the requests (R² "
                    + number(measured.memory().resident().rSquare())
                    + ")")
            + ".");
    return threadsRight && kibRight;
  }

  /** {@code loom-sequential: platform threads in the upstream call 0.00 per request (R² NaN), …} */
  private static String evidence(Measured measured) {
    return "  "
        + measured.variant().wireName()
        + ": platform threads in the upstream call "
        + line(measured.threads(), 1)
        + ", heap "
        + line(measured.memory().heap(), 1024)
        + " KiB, RSS "
        + line(measured.memory().resident(), 1024)
        + " KiB";
  }

  /** The sweep of one model: its variant started with the measuring flags, warmed, then sampled. */
  private static Measured sweep(Lab lab, Exercise exercise, Path jar, Variant variant)
      throws Exception {
    var samples = new ArrayList<InFlightSample>();
    var threads = new ArrayList<double[]>();
    try (VariantProcess process =
            lab.launch(
                exercise.wireName() + "-" + variant.wireName(),
                jar,
                variant,
                Duration.ofMillis(4 * WAIT_MS),
                MEASURING_JVM,
                null);
        var client = new RequestClient(process.baseUrl(), LAST, Duration.ofMillis(4 * WAIT_MS))) {
      ProcessHandle variantProcess =
          Lab.processOf(process)
              .orElseThrow(() -> new Lab.NotMeasured(variant.wireName() + "'s process not found"));
      WARMUP.run(client, DogPaths.ROOT, done -> {});
      try (var jvm = JvmMeter.attach(variantProcess.pid());
          var dumps = ThreadDump.Taker.attach(variantProcess.pid());
          var waiting = lab.upstreamLatency(Duration.ofMillis(WAIT_MS))) {
        for (int inFlight : IN_FLIGHT) {
          var load =
              CompletableFuture.supplyAsync(
                  () -> new ClosedLoop(inFlight, inFlight).run(client, DogPaths.ROOT, done -> {}));
          awaitInFlight(process, inFlight);
          int held = EventLoops.heldInTheUpstreamCall(dumps.take()).size();
          JvmSample sample = jvm.sample();
          samples.add(sample.atInFlight(inFlight));
          threads.add(new double[] {inFlight, held});
          List<Sample> answered = load.join();
          long failed = answered.stream().filter(s -> !s.ok()).count();
          if (failed > 0) {
            throw new Lab.NotMeasured(
                failed + " of " + inFlight + " requests failed; see " + process.logFile());
          }
        }
      }
    }
    return new Measured(
        variant,
        SlopeFit.of(threads, point -> point[0], point -> point[1]),
        MeasuredWaitingCost.fit(samples, true));
  }

  /** Until the variant holds every request sent, or half the wait has passed. */
  private static void awaitInFlight(VariantProcess process, int inFlight)
      throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofMillis(WAIT_MS / 2).toNanos();
    while (System.nanoTime() < giveUp
        && process.load().map(load -> load.inFlight() < inFlight).orElse(true)) {
      Thread.sleep(20);
    }
  }

  /** {@code 1.00 per request (R² 1.00)} */
  private static String line(SlopeFit fit, double unit) {
    return String.format(
        Locale.ROOT, "%.2f per request (R² %.2f)", fit.slope() / unit, fit.rSquare());
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String kib(double kib) {
    return String.format(Locale.ROOT, kib < 10 ? "%.1f KiB" : "%.0f KiB", kib);
  }
}
