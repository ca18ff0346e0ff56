package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README shows the six handlers side by side; this keeps them the real code. Each block between
 * {@code <!-- handler:MODULE:TAG -->} and {@code <!-- /handler -->} must equal the region between
 * {@code // tag::TAG[]} and {@code // end::TAG[]} of that module's {@code DogHandler.java}. Run
 * with {@code -Dreadme.update=true} to rewrite the blocks from the code.
 */
class ReadmeHandlersTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- handler:([a-z-]+):([a-z]+) -->\\n)(.*?)(<!-- /handler -->)", Pattern.DOTALL);

  @Test
  void the_readme_shows_each_variants_handler_as_it_is_in_the_code() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme);
    Matcher blocks = BLOCK.matcher(text);
    var rewritten = new StringBuilder();
    int shown = 0;
    while (blocks.find()) {
      String code = "```java\n" + taggedRegion(blocks.group(2), blocks.group(3)) + "```\n";
      blocks.appendReplacement(
          rewritten, Matcher.quoteReplacement(blocks.group(1) + code + blocks.group(5)));
      shown++;
    }
    blocks.appendTail(rewritten);
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(readme, rewritten.toString());
    }
    assertThat(shown).as("handler blocks in README.md").isEqualTo(Variant.values().length);
    assertThat(text)
        .as(
            "README.md handler blocks are stale: run ./mvnw -pl harness test "
                + "-Dtest=ReadmeHandlersTest -Dreadme.update=true")
        .isEqualTo(rewritten.toString());
  }

  private static String taggedRegion(String module, String tag) throws IOException {
    try (var files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
      Path handler =
          files
              .filter(p -> p.getFileName().toString().equals("DogHandler.java"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no DogHandler.java in " + module));
      String source = Files.readString(handler);
      int start = source.indexOf("// tag::" + tag + "[]");
      int end = source.indexOf("// end::" + tag + "[]");
      assertThat(start).as(handler + " tag " + tag).isNotNegative();
      String region =
          source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1);
      return region
          .lines()
          .map(line -> line.startsWith("  ") ? line.substring(2) : line)
          .collect(Collectors.joining("\n", "", "\n"));
    }
  }
}
