package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.variant.VariantJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The root {@code caas} script prints {@code docs/cli/COMMAND.txt} for {@code --help} before
 * anything is built; this keeps those files the commands' own usage. Each subcommand's usage (and
 * the top command's, as {@code caas.txt}) is rendered at a fixed width and compared with its file.
 * Run with {@code -Dcli.update=true} to rewrite the files from the code.
 */
class CliHelpFilesTest {
  private static final Path DOCS =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow().resolve("docs/cli");

  /**
   * The width the files are written at: wide enough for the examples, whatever terminal runs the
   * test.
   */
  private static final int WIDTH = 100;

  @Test
  void every_commands_help_file_is_its_usage_as_the_code_renders_it() throws IOException {
    Map<String, String> rendered = renderedUsages();
    if (Boolean.getBoolean("cli.update")) {
      for (var usage : rendered.entrySet()) {
        Files.writeString(DOCS.resolve(usage.getKey() + ".txt"), usage.getValue());
      }
    }
    for (var usage : rendered.entrySet()) {
      Path file = DOCS.resolve(usage.getKey() + ".txt");
      assertThat(file).as("docs/cli has %s (-Dcli.update=true writes it)", file).exists();
      assertThat(Files.readString(file))
          .as("%s is the command's usage (-Dcli.update=true rewrites it)", file)
          .isEqualTo(usage.getValue());
    }
  }

  @Test
  void docs_cli_holds_no_help_for_a_command_that_does_not_exist() throws IOException {
    Map<String, String> rendered = renderedUsages();
    try (var files = Files.list(DOCS)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .allSatisfy(name -> assertThat(rendered).containsKey(name.replaceFirst("\\.txt$", "")));
    }
  }

  @Test
  void the_testbed_is_a_subcommand_with_its_own_help() {
    assertThat(renderedUsages().get("testbed")).contains("--listen", "--json");
  }

  /** File name (without .txt) → usage text; the help command has no file of its own. */
  private static Map<String, String> renderedUsages() {
    CommandLine caas = Caas.commandLine();
    var usages = new TreeMap<String, String>();
    usages.put("caas", usageOf(caas));
    caas.getSubcommands()
        .forEach(
            (name, command) -> {
              if (!name.equals("help")) {
                usages.put(name, usageOf(command));
              }
            });
    return usages;
  }

  private static String usageOf(CommandLine command) {
    command.setUsageHelpAutoWidth(false);
    command.setUsageHelpWidth(WIDTH);
    return command.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }
}
