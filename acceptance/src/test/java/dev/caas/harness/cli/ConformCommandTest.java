package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.harness.variant.VariantJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code caas conform} against the talk's third Python attempt (examples/python-talk), reduced to
 * the service area to keep the test command short (the shape area's timing bounds are the testkit's
 * and meant for a machine that is not shared eight ways; the faults and abuse areas wait out
 * deadlines and timeouts for a minute or more). Skipped, with the reason, where Debian's
 * /usr/bin/python3 cannot import the attempt's packages (run.sh installs them as root).
 */
class ConformCommandTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final String ATTEMPT_3 = ROOT.resolve("examples/python-talk/run.sh") + " 3";

  @BeforeAll
  static void pythonCanRunTheAttempt() throws Exception {
    var check =
        new ProcessBuilder("/usr/bin/python3", "-c", "import quart, aiohttp, asyncpg, hypercorn")
            .redirectErrorStream(true)
            .start();
    boolean imports = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    assumeTrue(
        imports,
        "/usr/bin/python3 cannot import quart, aiohttp, asyncpg, hypercorn"
            + " (examples/python-talk/run.sh installs them when run as root)");
  }

  @Test
  void the_gathered_python_attempt_conforms_in_the_service_area() {
    var run = conform("--name", "quart-gathered", "--area", "service");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("conform: quart-gathered (gathered)", "result: conforms")
        .containsPattern("service +[1-9][0-9]* +0 +0 ");
  }

  @Test
  void an_implementation_that_answers_under_another_name_than_it_was_given_does_not_conform() {
    var run = impostor("--area", "service");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("failed   service says_which_variant_and_request_answered", "does NOT conform");
  }

  @Test
  void a_declared_skip_is_marked_not_failed() {
    var run =
        impostor(
            "--area",
            "service",
            "--skip",
            "service/says_which=renamed on purpose",
            "--skip",
            "service/health_names=renamed on purpose");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("skipped  service says_which_variant_and_request_answered: declared: renamed");
  }

  @Test
  void a_command_that_does_not_start_is_exit_code_2() {
    var run =
        run(
            "conform",
            "--launch",
            "echo not a server; exit 3",
            "--name",
            "nothing",
            "--area",
            "service");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("exited with 3", "not a server");
  }

  private record Run(int exitCode, String output) {}

  /** Attempt 3 told its name is quart-gathered, answering under another one all the same. */
  private static Run impostor(String... options) {
    var args = new java.util.ArrayList<String>();
    args.addAll(
        java.util.List.of(
            "conform",
            "--launch",
            "CAAS_VARIANT_NAME=impostor " + ATTEMPT_3,
            "--composition",
            "gathered",
            "--name",
            "quart-gathered"));
    args.addAll(java.util.List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static Run conform(String... options) {
    var args = new java.util.ArrayList<String>();
    args.addAll(java.util.List.of("conform", "--launch", ATTEMPT_3, "--composition", "gathered"));
    args.addAll(java.util.List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    var out = new StringWriter();
    var commandLine = Caas.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    var previousOut = System.out;
    var previousErr = System.err;
    var captured = new java.io.ByteArrayOutputStream();
    var stream = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
    System.setOut(stream);
    System.setErr(stream);
    int exitCode;
    try {
      exitCode = commandLine.execute(args);
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
    String output = out + captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    previousOut.print(output);
    return new Run(exitCode, output);
  }
}
