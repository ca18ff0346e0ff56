package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The workshop's guide ({@code workshop/README.md}) and its solutions ({@code
 * workshop/SOLUTIONS.md}) show code and documentation as they are in the code, so they never go
 * stale:
 *
 * <ul>
 *   <li>each block between {@code <!-- include:PATH#TAG -->} and {@code <!-- /include -->} equals
 *       the region between {@code // tag::TAG[]} and {@code // end::TAG[]} of that file (PATH from
 *       the project root); {@code #javadoc} is the Javadoc comment of the file's class;
 *   <li>each block between {@code <!-- api:PATH#MEMBER,MEMBER -->} and {@code <!-- /api -->} is the
 *       "what you can call" of that type, made from its Javadoc ({@link JavadocApi}).
 * </ul>
 *
 * Run with {@code -Dreadme.update=true} to rewrite the blocks from the code, as the root README's
 * handlers are ({@code ReadmeHandlersTest} in the harness). The guide itself holds no reference
 * solution (they are in the solutions file), and no hints: every exercise's hints are in {@code
 * workshop/HINTS.md}, to be read one at a time.
 */
class WorkshopReadmeTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final Path README = ROOT.resolve("workshop").resolve("README.md");
  private static final Path SOLUTIONS = ROOT.resolve("workshop").resolve("SOLUTIONS.md");
  private static final Pattern INCLUDE =
      Pattern.compile(
          "(<!-- include:([^#\\s]+)#([a-z-]+) -->\\n)(.*?)(<!-- /include -->)", Pattern.DOTALL);
  private static final Pattern API =
      Pattern.compile("(<!-- api:([^#\\s]+)#([\\w,]+) -->\\n)(.*?)(<!-- /api -->)", Pattern.DOTALL);
  private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");
  private static final Pattern CHECK = Pattern.compile("\\./caas check ([a-z-]+)");
  private static final String UPDATE =
      ": run ./mvnw -pl workshop/checker -am verify -Dtest=WorkshopReadmeTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true";

  @Test
  void the_solutions_show_each_reference_solution_as_it_is_in_the_code() throws IOException {
    String text = Files.readString(SOLUTIONS);
    String rewritten = inStep(SOLUTIONS, text);
    // size-the-pool is answered in a file: its solution is arithmetic, not code.
    long withCode = Arrays.stream(Exercise.values()).filter(e -> e.answer(ROOT) == null).count();
    assertThat(INCLUDE.matcher(text).results().count())
        .as("included blocks in workshop/SOLUTIONS.md")
        .isGreaterThanOrEqualTo(withCode);
    assertThat(text)
        .as("workshop/SOLUTIONS.md's included code is stale" + UPDATE)
        .isEqualTo(rewritten);
  }

  @Test
  void the_guide_shows_what_each_exercise_can_call_as_its_javadoc_says() throws IOException {
    String text = Files.readString(README);
    String rewritten = inStep(README, text);
    assertThat(API.matcher(text).results().count()).as("api blocks in the guide").isPositive();
    assertThat(text).as("workshop/README.md's api blocks are stale" + UPDATE).isEqualTo(rewritten);
  }

  @Test
  void the_guide_gives_no_answer_away() throws IOException {
    String text = Files.readString(README);
    assertThat(text)
        .as("reference solutions live in SOLUTIONS.md, out of sight of a terminal's reader")
        .doesNotContain("<!-- include:")
        .doesNotContain("Reference solution")
        .contains("](SOLUTIONS.md)");
  }

  @Test
  void every_exercise_has_hints_to_read_one_at_a_time() throws IOException {
    String text = Files.readString(Hints.file(ROOT));
    for (Exercise exercise : Exercise.values()) {
      List<String> hints = Hints.of(exercise, text);
      assertThat(hints).as("hints of " + exercise.wireName()).isNotEmpty();
      assertThat(Hints.show(exercise, text, 1)).contains(hints.getFirst());
      assertThat(Hints.show(exercise, text, hints.size())).contains("SOLUTIONS.md");
    }
  }

  @Test
  void the_guide_points_to_the_hints_and_does_not_carry_them() throws IOException {
    String text = Files.readString(README);
    assertThat(text)
        .as("in a terminal a fold is plain text: the hints live in workshop/HINTS.md")
        .doesNotContain("<details>");
    for (Exercise exercise : Exercise.values()) {
      assertThat(text).contains("./caas check " + exercise.wireName() + " --hint`");
    }
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

  /** The text with every block made again from the code; written back with -Dreadme.update. */
  private static String inStep(Path file, String text) throws IOException {
    String rewritten = replace(INCLUDE, text, m -> "```java\n" + region(m.group(2), m.group(3)));
    rewritten =
        replace(
            API,
            rewritten,
            m -> "```text\n" + JavadocApi.of(ROOT, m.group(2), Set.of(m.group(3).split(","))));
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(file, rewritten);
    }
    return rewritten;
  }

  private interface Block {
    String code(Matcher block) throws IOException;
  }

  private static String replace(Pattern pattern, String text, Block block) throws IOException {
    Matcher blocks = pattern.matcher(text);
    var rewritten = new StringBuilder();
    while (blocks.find()) {
      String code = block.code(blocks) + "```\n";
      blocks.appendReplacement(
          rewritten, Matcher.quoteReplacement(blocks.group(1) + code + blocks.group(5)));
    }
    blocks.appendTail(rewritten);
    return rewritten.toString();
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
