package dev.caas.workshop.checker;

import dev.caas.contract.Variant;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workshop's exercises, written once: the name on the command line (also the folder under
 * {@code workshop/exercises/}), the variant the exercise's jar runs as, and its grader.
 */
public enum Exercise {
  GATHER_THREADS(
      "gather-threads",
      Variant.SYNC_GATHERED,
      "gather billing and name on the thread pool (CompletableFuture)",
      Work.CODE,
      new ShapeGrader()),
  GATHER_REACTIVE(
      "gather-reactive",
      Variant.REACTIVE_GATHERED,
      "gather billing and name in the pipeline (Mono.zip)",
      Work.CODE,
      new ShapeGrader()),
  GATHER_LOOM(
      "gather-loom",
      Variant.LOOM_GATHERED,
      "gather billing and name on virtual threads (fork and join)",
      Work.CODE,
      new ShapeGrader()),
  HIDDEN_ROUND_TRIP(
      "hidden-round-trip",
      Variant.SYNC_SEQUENTIAL,
      "find the round trip hidden in the pool's configuration",
      Work.CODE,
      new ShapeGrader()),
  DONT_BLOCK_THE_EVENT_LOOP(
      "dont-block-the-event-loop",
      Variant.REACTIVE_SEQUENTIAL,
      "take the blocking call off the event loop",
      Work.CODE,
      new EventLoopGrader()),
  SIZE_THE_POOL(
      "size-the-pool",
      Variant.LOOM_GATHERED,
      "predict the pool's ceiling, then size it for a latency target",
      Work.ANSWERS_ABOUT_ITS_JAR,
      new PoolSizeGrader()),
  BILL_EXACTLY_ONCE(
      "bill-exactly-once",
      Variant.LOOM_GATHERED,
      "undo the billing of a request that failed",
      Work.CODE,
      new BillingGrader()),
  WHAT_A_WAIT_COSTS(
      "what-a-wait-costs",
      Variant.LOOM_SEQUENTIAL,
      "predict the threads and bytes a waiting request holds in loom and reactive, then measure them",
      Work.PREDICTIONS_ABOUT_THE_VARIANT,
      new WaitingCostGrader()),
  PREDICT_THE_KNEE(
      "predict-the-knee",
      Variant.SYNC_SEQUENTIAL,
      "predict throughput and median at three loads, then see them measured",
      Work.PREDICTIONS_ABOUT_THE_VARIANT,
      new KneeGrader());

  /** What the attendee changes, and so what the checker grades. */
  public enum Work {
    /** The exercise's code (its handler, its pool's configuration): its own jar is measured. */
    CODE,
    /** Answers in a file, checked against the theory and a measurement of the exercise's jar. */
    ANSWERS_ABOUT_ITS_JAR,
    /**
     * Predictions in a file about one of the project's own variants, written before it is measured:
     * the real implementation's jar is measured, and nothing is coded.
     */
    PREDICTIONS_ABOUT_THE_VARIANT
  }

  private final String wireName;
  private final Variant variant;
  private final String task;
  private final Work work;
  private final Grader grader;

  Exercise(String wireName, Variant variant, String task, Work work, Grader grader) {
    this.wireName = wireName;
    this.variant = variant;
    this.task = task;
    this.work = work;
    this.grader = grader;
  }

  /** As on the command line and as its folder: {@code gather-threads}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The variant the exercise's jar runs as, and whose real implementation is the reference
   * solution.
   */
  public Variant variant() {
    return variant;
  }

  /** What the attendee does, in a few words. */
  public String task() {
    return task;
  }

  public Verdict grade(Subject subject, Lab lab) throws Exception {
    return grader.grade(this, subject, lab);
  }

  /** {@code workshop/exercises/NAME} under the project root. */
  public Path folder(Path projectRoot) {
    return projectRoot.resolve("workshop").resolve("exercises").resolve(wireName);
  }

  /** What the attendee changes. */
  public Work work() {
    return work;
  }

  /**
   * The jar the check measures: the exercise's executable jar, as {@code ./mvnw package} builds it;
   * for predictions about one of the project's variants, that variant's jar.
   */
  public Path jar(Path projectRoot, String version) {
    if (work == Work.PREDICTIONS_ABOUT_THE_VARIANT) {
      return referenceJar(projectRoot, version);
    }
    return folder(projectRoot)
        .resolve("target")
        .resolve("exercise-" + wireName + "-" + version + "-all.jar");
  }

  /** The file an answer-file exercise is answered in; {@code null} for the others. */
  public Path answer(Path projectRoot) {
    return work == Work.CODE ? null : folder(projectRoot).resolve(AnswerFile.NAME);
  }

  /**
   * The real implementation's jar for {@link #variant()}: the reference solution (for predictions,
   * the jar measured).
   */
  public Path referenceJar(Path projectRoot, String version) {
    return implementationJar(projectRoot, version, variant);
  }

  /**
   * The jar of the project's implementation of {@code variant}, as {@code ./mvnw package} builds
   * it.
   */
  static Path implementationJar(Path projectRoot, String version, Variant variant) {
    String module = variant.model().module();
    return projectRoot
        .resolve(module)
        .resolve("target")
        .resolve(module + "-" + version + "-all.jar");
  }

  public static Optional<Exercise> parse(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name.trim())).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(Exercise::wireName).collect(Collectors.joining(", "));
  }
}
