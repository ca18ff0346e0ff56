package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testkit.SharedTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checker is tested both ways, so it can neither pass everything nor fail everything: every
 * exercise's starter fails its check, and its reference solution (the real implementation's jar,
 * run as the same variant; for size-the-pool, the reference answer) passes it. The exercises and
 * the implementations come before the checker in the reactor, so their jars exist by the time this
 * runs; a missing jar fails the test.
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
    assertThat(verdict.hint()).as("a failing verdict says where to look").isNotBlank();
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
