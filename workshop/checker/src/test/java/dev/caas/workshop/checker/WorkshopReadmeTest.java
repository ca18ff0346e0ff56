package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The workshop's guide shows the reference solutions as they are in the code, so it never goes
 * stale. Each block between {@code <!-- include:PATH#TAG -->} and {@code <!-- /include -->} must
 * equal the region between {@code // tag::TAG[]} and {@code // end::TAG[]} of that file (PATH from
 * the project root); {@code #javadoc} is the Javadoc comment of the file's class. Run with {@code
 * -Dreadme.update=true} to rewrite the blocks from the code, as the root README's handlers are
 * ({@code ReadmeHandlersTest} in the harness).
 */
class WorkshopReadmeTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final Path README = ROOT.resolve("workshop").resolve("README.md");
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- include:([^#\\s]+)#([a-z-]+) -->\\n)(.*?)(<!-- /include -->)", Pattern.DOTALL);
  private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");
  private static final Pattern CHECK = Pattern.compile("\\./caas check ([a-z-]+)");

  @Test
  void the_guide_shows_each_reference_solution_as_it_is_in_the_code() throws IOException {
    String text = Files.readString(README);
    Matcher blocks = BLOCK.matcher(text);
    var rewritten = new StringBuilder();
    int shown = 0;
    while (blocks.find()) {
      String code = "```java\n" + region(blocks.group(2), blocks.group(3)) + "```\n";
      blocks.appendReplacement(
          rewritten, Matcher.quoteReplacement(blocks.group(1) + code + blocks.group(5)));
      shown++;
    }
    blocks.appendTail(rewritten);
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, rewritten.toString());
    }
    // size-the-pool is answered in a file: its solution is arithmetic, not code.
    long withCode = Arrays.stream(Exercise.values()).filter(e -> e.answer(ROOT) == null).count();
    assertThat(shown)
        .as("included blocks in workshop/README.md")
        .isGreaterThanOrEqualTo((int) withCode);
    assertThat(text)
        .as(
            "workshop/README.md's included code is stale: run ./mvnw -pl workshop/checker test "
                + "-Dtest=WorkshopReadmeTest -Dreadme.update=true")
        .isEqualTo(rewritten.toString());
  }

  @Test
  void the_guide_has_a_section_for_every_exercise_and_checks_only_exercises_that_exist()
      throws IOException {
    String text = Files.readString(README);
    for (Exercise exercise : Exercise.values()) {
      assertThat(text)
          .as("a section for " + exercise.wireName())
          .containsPattern("(?m)^## \\d+\\. .*`" + Pattern.quote(exercise.wireName()) + "`");
      assertThat(text).contains("./caas check " + exercise.wireName());
    }
    CHECK
        .matcher(text)
        .results()
        .map(m -> m.group(1))
        .filter(name -> !name.startsWith("-"))
        .forEach(name -> assertThat(Exercise.parse(name)).as("./caas check " + name).isPresent());
  }

  @Test
  void every_image_of_the_guide_is_in_the_repository() throws IOException {
    String text = Files.readString(README);
    var images = IMAGE.matcher(text).results().map(m -> m.group(1)).toList();
    assertThat(images).isNotEmpty();
    for (String image : images) {
      assertThat(README.getParent().resolve(image)).as(image).isRegularFile();
    }
  }

  private static String region(String file, String tag) throws IOException {
    Path source = ROOT.resolve(file);
    assertThat(source).as(file).isRegularFile();
    String text = Files.readString(source);
    if (tag.equals("javadoc")) {
      int type = firstTypeDeclaration(text);
      int start = text.lastIndexOf("/**", type);
      int end = text.indexOf("*/", start) + 2;
      assertThat(start).as(file + " has a class Javadoc").isNotNegative();
      return text.substring(start, end) + "\n";
    }
    int start = text.indexOf("// tag::" + tag + "[]");
    int end = text.indexOf("// end::" + tag + "[]");
    assertThat(start).as(file + " tag " + tag).isNotNegative();
    assertThat(end).as(file + " end of tag " + tag).isGreaterThan(start);
    String region = text.substring(text.indexOf('\n', start) + 1, text.lastIndexOf('\n', end) + 1);
    return region
        .lines()
        .map(line -> line.startsWith("  ") ? line.substring(2) : line)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static int firstTypeDeclaration(String text) {
    Matcher type =
        Pattern.compile("(?m)^(public )?(final )?(abstract )?(class|interface|record|enum) ")
            .matcher(text);
    assertThat(type.find()).isTrue();
    return type.start();
  }
}
