package dev.caas.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.conform.CommandLauncher;
import dev.caas.contract.Variant;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.TestbedMain;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.SharedTestbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caas conform} against the talk's third Python attempt (examples/python-talk), reduced to
 * the service area to keep the test command short (the shape area's timing bounds are the testkit's
 * and meant for a machine that is not shared eight ways; the faults and abuse areas wait out
 * deadlines and timeouts for a minute or more). The attempt is started once, against this JVM's
 * testbed, and checked with {@code --target} and {@code --testbed} (the JSON {@code caas testbed}
 * writes): an interpreter's start is the slow part. Skipped, with the reason, where Debian's
 * /usr/bin/python3 cannot import the attempt's packages (run.sh installs them as root).
 */
class ConformCommandTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final String ATTEMPT_3 = ROOT.resolve("examples/python-talk/run.sh") + " 3";

  @TempDir static Path folder;
  private static Path testbedJson;
  private static RunningVariant attempt;

  @BeforeAll
  static void startTheAttemptOnce() throws Exception {
    var check =
        new ProcessBuilder("/usr/bin/python3", "-c", "import quart, aiohttp, asyncpg, hypercorn")
            .redirectErrorStream(true)
            .start();
    boolean imports = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    assumeTrue(
        imports,
        "/usr/bin/python3 cannot import quart, aiohttp, asyncpg, hypercorn"
            + " (examples/python-talk/run.sh installs them when run as root)");
    var testbed = SharedTestbed.get();
    testbedJson = folder.resolve("testbed.json");
    Files.writeString(testbedJson, TestbedMain.json(TestbedMain.endpoints(testbed)));
    attempt =
        new CommandLauncher(ATTEMPT_3, "quart-gathered", folder)
            .launch(SharedTestbed.optionsFor(Variant.Composition.GATHERED, FaultContract.DEADLINE));
  }

  @AfterAll
  static void stopTheAttempt() throws Exception {
    if (attempt != null) {
      attempt.close();
    }
  }

  @Test
  void the_gathered_python_attempt_conforms_in_the_service_area() {
    var run = conform("--name", "quart-gathered");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("conform: quart-gathered (gathered)", "result: conforms")
        .containsPattern("service +[1-9][0-9]* +0 +0 ");
  }

  @Test
  void an_answer_under_another_name_fails_and_a_declared_skip_is_marked_not_failed() {
    // The attempt answers as quart-gathered; conform is told to expect another name. Both tests
    // that read the name would fail; one of them is declared skipped.
    var run = conform("--name", "impostor", "--skip", "service/health_names=renamed on purpose");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "failed   service says_which_variant_and_request_answered",
            "skipped  service health_names_the_variant_and_its_limits: declared: renamed",
            "does NOT conform")
        .as("exactly one failure: the declared skip is not one")
        .containsPattern("service +[1-9][0-9]* +1 +1 ");
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

  private static Run conform(String... options) {
    var args = new java.util.ArrayList<String>();
    args.addAll(
        java.util.List.of(
            "conform",
            "--target",
            attempt.url().toString(),
            "--testbed",
            testbedJson.toString(),
            "--composition",
            "gathered",
            "--area",
            "service"));
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
