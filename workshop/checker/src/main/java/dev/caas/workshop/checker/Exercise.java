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
      new ShapeGrader()),
  GATHER_REACTIVE(
      "gather-reactive",
      Variant.REACTIVE_GATHERED,
      "gather billing and name in the pipeline (Mono.zip)",
      new ShapeGrader()),
  GATHER_LOOM(
      "gather-loom",
      Variant.LOOM_GATHERED,
      "gather billing and name on virtual threads (fork and join)",
      new ShapeGrader()),
  HIDDEN_ROUND_TRIP(
      "hidden-round-trip",
      Variant.SYNC_SEQUENTIAL,
      "find the round trip hidden in the pool's configuration",
      new ShapeGrader()),
  DONT_BLOCK_THE_EVENT_LOOP(
      "dont-block-the-event-loop",
      Variant.REACTIVE_SEQUENTIAL,
      "take the blocking call off the event loop",
      new EventLoopGrader()),
  SIZE_THE_POOL(
      "size-the-pool",
      Variant.LOOM_GATHERED,
      "predict the pool's ceiling, then size it for a latency target",
      new PoolSizeGrader()),
  BILL_EXACTLY_ONCE(
      "bill-exactly-once",
      Variant.LOOM_GATHERED,
      "undo the billing of a request that failed",
      new BillingGrader());

  private final String wireName;
  private final Variant variant;
  private final String task;
  private final Grader grader;

  Exercise(String wireName, Variant variant, String task, Grader grader) {
    this.wireName = wireName;
    this.variant = variant;
    this.task = task;
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

  /** The exercise's executable jar, as {@code ./mvnw package} builds it. */
  public Path jar(Path projectRoot, String version) {
    return folder(projectRoot)
        .resolve("target")
        .resolve("exercise-" + wireName + "-" + version + "-all.jar");
  }

  /** The file an answer-file exercise is answered in; {@code null} for the others. */
  public Path answer(Path projectRoot) {
    return this == SIZE_THE_POOL ? folder(projectRoot).resolve(PoolSizeGrader.ANSWER_FILE) : null;
  }

  /** The real implementation's jar for {@link #variant()}: the reference solution. */
  public Path referenceJar(Path projectRoot, String version) {
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
