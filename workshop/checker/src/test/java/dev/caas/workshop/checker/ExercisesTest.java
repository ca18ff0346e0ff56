package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The list of exercises is written once, in {@link Exercise}; the folders, the build and the
 * markers follow it.
 */
class ExercisesTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final Path WORKSHOP = ROOT.resolve("workshop");

  @Test
  void the_workshop_builds_exactly_the_exercises_the_checker_knows_then_the_checker()
      throws IOException {
    var modules =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(WORKSHOP.resolve("pom.xml")))
            .results()
            .map(m -> m.group(1))
            .toList();
    var expected =
        new java.util.ArrayList<>(
            Arrays.stream(Exercise.values()).map(e -> "exercises/" + e.wireName()).toList());
    expected.add("checker");
    assertThat(modules).isEqualTo(expected);
    try (Stream<Path> folders = Files.list(WORKSHOP.resolve("exercises"))) {
      assertThat(folders.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(Arrays.stream(Exercise.values()).map(Exercise::wireName).sorted().toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Exercise.class)
  void every_starter_marks_what_to_change_with_an_exercise_comment(Exercise exercise)
      throws IOException {
    List<Path> files = starterFiles(exercise);
    assertThat(files).as("files of " + exercise.wireName()).isNotEmpty();
    long marked = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      marked += Pattern.compile("(//|#) EXERCISE: ").matcher(text).results().count();
    }
    assertThat(marked).as("EXERCISE: markers in " + exercise.wireName()).isPositive();
  }

  @Test
  void nothing_in_the_workshop_is_marked_as_unfinished_work() throws IOException {
    try (Stream<Path> files = Files.walk(WORKSHOP)) {
      var unfinished =
          files
              .filter(p -> !p.toString().contains("/target/") && Files.isRegularFile(p))
              .filter(p -> p.toString().matches(".*\\.(java|xml|properties|md)$"))
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("TO" + "DO");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
      assertThat(unfinished).isEmpty();
    }
  }

  private static List<Path> starterFiles(Exercise exercise) throws IOException {
    Path folder = exercise.folder(ROOT);
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties"))
          .toList();
    }
  }
}
