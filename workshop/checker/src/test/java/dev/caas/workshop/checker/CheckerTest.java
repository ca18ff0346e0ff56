package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testkit.SharedTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
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
  private static final Path REFERENCE_ANSWER =
      Path.of("src/test/resources/size-the-pool/answer.properties");

  private Lab lab;

  /** The testbed the exercises' contract suites use in this JVM too: PostgreSQL starts once. */
  @BeforeAll
  void startTheLab() {
    lab = Lab.on(SharedTestbed.get(), Path.of("target", "caas-check"), Progress.SILENT);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Exercise.class)
  void every_starter_fails_its_check(Exercise exercise) throws Exception {
    Path jar = exercise.jar(ROOT, Lab.version());
    assertThat(jar)
        .as(
            "the starter's jar: build it with ./mvnw -pl workshop/exercises/"
                + exercise.wireName()
                + " -am package -DskipTests")
        .isRegularFile();
    Verdict verdict = exercise.grade(new Subject(jar, exercise.answer(ROOT)), lab);
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
  @MethodSource("wrongSolutions")
  void every_wrong_solution_fails_with_a_verdict_that_names_the_reason(WrongSolution wrong)
      throws Exception {
    Exercise exercise = wrong.exercise();
    Path source = Path.of("src/test/resources/wrong-solutions", exercise.wireName(), wrong.file());
    Path folder =
        Path.of(
            "target", "wrong-solutions", exercise.wireName(), wrong.file().replace(".java", ""));
    Path jar = EditedStarter.build(exercise.jar(ROOT, Lab.version()), source, folder);
    Verdict verdict = exercise.grade(new Subject(jar, null), lab);
    System.out.println("wrong solution " + wrong + ": " + verdict.text());
    assertThat(verdict.passed()).as(verdict.text()).isFalse();
    assertThat(verdict.text()).contains(wrong.reason());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Exercise.class)
  void every_reference_solution_passes_its_check(Exercise exercise) throws Exception {
    Path jar = exercise.referenceJar(ROOT, Lab.version());
    assertThat(jar)
        .as(
            "the reference jar: build it with ./mvnw -pl "
                + exercise.variant().model().module()
                + " -am package -DskipTests")
        .isRegularFile();
    Path answer = exercise.answer(ROOT) == null ? null : REFERENCE_ANSWER.toAbsolutePath();
    assertThat(answer == null || Files.isRegularFile(answer)).isTrue();
    Verdict verdict = exercise.grade(new Subject(jar, answer), lab);
    System.out.println("reference solution of " + verdict.text());
    assertThat(verdict.passed()).as(verdict.text()).isTrue();
  }
}
