package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.Testbed;
import dev.caas.testkit.SharedTestbed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker is tested both ways, so it can neither pass everything nor fail everything: every
 * exercise's starter fails its check, and its reference solution (the real implementation's jar,
 * run as the same variant; for size-the-pool, the reference answer) passes it. The exercises and
 * the implementations come before the checker in the reactor, so their jars exist by the time this
 * runs; a missing jar fails the test.
 *
 * <p>Between the two, the wrong solutions attendees wrote ({@code src/test/resources/wrong-
 * solutions/EXERCISE/}): each is the starter with one edited handler ({@link EditedStarter}), and
 * each must fail with a verdict that names why, so that no grader checks the lesson and forgets the
 * exercise's premise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckerTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();

  /**
   * The reference answers of the exercises answered in a file: {@code EXERCISE/answer.properties}.
   */
  private static final Path REFERENCE_ANSWERS = Path.of("src/test/resources");

  /**
   * Checks graded side by side, each in a lab of its own (a run sets its testbed's latency and
   * clears its billing ledger, so two runs never share a testbed). One by default: in the test
   * command this class runs beside the acceptance module (-T 2), and on two cores three labs at
   * once starved what they measured (a gathered reference at 3.2 L, every step 1.4 L, in a
   * clean-clone run). On a machine with cores to spare, {@code -Dchecker.labs=3} grades three at
   * once; JUnit runs up to three ({@code junit-platform.properties}) and the labs bound them.
   */
  static final int LABS = Integer.getInteger("checker.labs", 1);

  private final BlockingQueue<Lab> labs = new LinkedBlockingQueue<>();
  private final List<Testbed> testbedsOfOurOwn = new CopyOnWriteArrayList<>();

  /**
   * The first lab on the testbed the exercises' contract suites use in this JVM too; the others on
   * testbeds of their own, started together. All share the runs they measure ({@link
   * MeasuredRuns}): the same jar under the same settings is measured once.
   */
  @BeforeAll
  void startTheLabs() {
    var measuredRuns = new MeasuredRuns();
    labs.add(Lab.on(SharedTestbed.get(), workFolder(1), Progress.SILENT, measuredRuns));
    var started = new ArrayList<CompletableFuture<Testbed>>();
    for (int lab = 2; lab <= LABS; lab++) {
      started.add(CompletableFuture.supplyAsync(CheckerTest::startATestbed));
    }
    int lab = 2;
    for (var testbed : started) {
      testbedsOfOurOwn.add(testbed.join());
      labs.add(Lab.on(testbed.join(), workFolder(lab++), Progress.SILENT, measuredRuns));
    }
  }

  @AfterAll
  void stopTheLabs() {
    testbedsOfOurOwn.forEach(Testbed::close);
  }

  private static Path workFolder(int lab) {
    return Path.of("target", "caas-check", "lab-" + lab);
  }

  private static Testbed startATestbed() {
    try {
      return Testbed.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a testbed for a lab", e);
    }
  }

  /** Grades in the first lab free. */
  private Verdict grade(Exercise exercise, Subject subject) throws Exception {
    Lab lab = labs.take();
    try {
      return exercise.grade(subject, lab);
    } finally {
      labs.put(lab);
    }
  }

  @ParameterizedTest(name = "{0}")
  @Execution(ExecutionMode.CONCURRENT)
  @EnumSource(Exercise.class)
  void every_starter_fails_its_check(Exercise exercise) throws Exception {
    Path jar = exercise.jar(ROOT, Lab.version());
    assertThat(jar)
        .as(
            "the starter's jar: build it with ./mvnw -pl workshop/exercises/"
                + exercise.wireName()
                + " -am package -DskipTests")
        .isRegularFile();
    Verdict verdict = grade(exercise, new Subject(jar, exercise.answer(ROOT)));
    System.out.println("starter of " + verdict.text());
    assertThat(verdict.passed()).as(verdict.text()).isFalse();
    assertThat(verdict.text())
        .as("a starter's verdict says what was measured, and leaves the hints to be asked for")
        .doesNotContain("Hint:")
        .contains("./caas check " + exercise.wireName() + " --hint");
  }

  /**
   * A wrong solution an attendee wrote: one edited handler, and the words its verdict must say why
   * it fails.
   */
  record WrongSolution(Exercise exercise, String file, String reason) {
    @Override
    public String toString() {
      return exercise.wireName() + "/" + file;
    }
  }

  static Stream<WrongSolution> wrongSolutions() {
    return Stream.of(
        // Gathered, but join()'s CompletionException reaches the server: the 504 has no request id.
        new WrongSolution(
            Exercise.GATHER_THREADS,
            "joins-without-unwrapping.java",
            "carries the request's id, and this one does not"),
        // Bills exactly once by no longer gathering: the exercise's premise is gone.
        new WrongSolution(
            Exercise.BILL_EXACTLY_ONCE, "name-first-then-billing.java", "no longer gathers"),
        // Frees the event loops, but holds a boundedElastic thread per request in flight.
        new WrongSolution(
            Exercise.DONT_BLOCK_THE_EVENT_LOOP,
            "subscribes-on-bounded-elastic.java",
            "boundedElastic held up to"));
  }

  @ParameterizedTest(name = "{0}")
  @Execution(ExecutionMode.CONCURRENT)
  @MethodSource("wrongSolutions")
  void every_wrong_solution_fails_with_a_verdict_that_names_the_reason(WrongSolution wrong)
      throws Exception {
    Exercise exercise = wrong.exercise();
    Path source = Path.of("src/test/resources/wrong-solutions", exercise.wireName(), wrong.file());
    Path folder =
        Path.of(
            "target", "wrong-solutions", exercise.wireName(), wrong.file().replace(".java", ""));
    Path jar = EditedStarter.build(exercise.jar(ROOT, Lab.version()), source, folder);
    Verdict verdict = grade(exercise, new Subject(jar, null));
    System.out.println("wrong solution " + wrong + ": " + verdict.text());
    assertThat(verdict.passed()).as(verdict.text()).isFalse();
    assertThat(verdict.text()).contains(wrong.reason());
  }

  @ParameterizedTest(name = "{0}")
  @Execution(ExecutionMode.CONCURRENT)
  @EnumSource(Exercise.class)
  void every_reference_solution_passes_its_check(Exercise exercise) throws Exception {
    Path jar = exercise.referenceJar(ROOT, Lab.version());
    assertThat(jar)
        .as(
            "the reference jar: build it with ./mvnw -pl "
                + exercise.variant().model().module()
                + " -am package -DskipTests")
        .isRegularFile();
    Path answer =
        exercise.answer(ROOT) == null
            ? null
            : REFERENCE_ANSWERS
                .resolve(exercise.wireName())
                .resolve(AnswerFile.NAME)
                .toAbsolutePath();
    assertThat(answer == null || Files.isRegularFile(answer)).isTrue();
    Verdict verdict = grade(exercise, new Subject(jar, answer));
    System.out.println("reference solution of " + verdict.text());
    assertThat(verdict.passed()).as(verdict.text()).isTrue();
  }
}
