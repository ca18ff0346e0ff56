package dev.caas.harness.cli;

import dev.caas.contract.DogPaths;
import dev.caas.testbed.ImplementationEnvironment;
import dev.caas.testbed.Testbed;
import dev.caas.testbed.TestbedEndpoints;
import dev.caas.testbed.TestbedMain;
import dev.caas.testbed.TestbedOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The testbed of implementations the harness did not start ({@code --target URL}): either the one
 * {@code caas testbed} runs, found through its JSON ({@code --testbed FILE-or-URL}) and attached
 * to, or one started here, whose variables are printed for the user to start the implementations
 * with; then a wait until every target answers.
 */
final class TargetTestbed {
  /** How long a user has to start the implementations against a testbed started here. */
  static final Duration WAIT_FOR_USER = Duration.ofMinutes(10);

  /** How long an implementation said to be running may take to answer. */
  static final Duration WAIT_FOR_RUNNING = Duration.ofSeconds(60);

  private TargetTestbed() {}

  /**
   * @param fileOrUrl the JSON of {@code caas testbed}, or {@code null} to start a testbed here
   * @param settings the variables the implementations must be started with beyond the testbed's (a
   *     deadline, a pool size), printed with them
   * @throws IllegalStateException when a target does not answer in time
   */
  static Testbed attachOrStart(
      String fileOrUrl, Map<String, String> settings, List<URI> targets, PrintStream out)
      throws IOException, InterruptedException {
    Testbed testbed;
    Duration wait;
    if (fileOrUrl != null) {
      testbed = Testbed.attach(TestbedEndpoints.read(fileOrUrl));
      wait = WAIT_FOR_RUNNING;
    } else {
      testbed = Testbed.start(TestbedOptions.auto());
      out.println("# A testbed is running here. Start each implementation with these variables:");
      var variables = new java.util.LinkedHashMap<>(ImplementationEnvironment.of(testbed));
      variables.putAll(settings);
      variables.forEach(
          (name, value) -> out.println("export " + name + "=" + TestbedMain.shellQuoted(value)));
      out.println("# (CAAS_HOST/CAAS_PORT: so that it answers at the --target URL.)");
      wait = WAIT_FOR_USER;
    }
    try {
      for (URI target : targets) {
        out.println("# waiting for " + target + " (up to " + wait.toSeconds() + " s)");
        if (!answers(target, wait)) {
          throw new IllegalStateException(target + " did not answer within " + wait);
        }
      }
      return testbed;
    } catch (RuntimeException | InterruptedException e) {
      testbed.close();
      throw e;
    }
  }

  /**
   * Whether {@code target} answers {@code GET /health} with any HTTP status within {@code wait}:
   * {@code /health} is optional, a 404 is an answer.
   */
  static boolean answers(URI target, Duration wait) throws InterruptedException {
    var request =
        HttpRequest.newBuilder(target.resolve(DogPaths.HEALTH))
            .timeout(Duration.ofSeconds(2))
            .build();
    long giveUp = System.nanoTime() + wait.toNanos();
    try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (true) {
        try {
          int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status != 503) {
            return true; // 503: not ready yet
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        if (System.nanoTime() > giveUp) {
          return false;
        }
        Thread.sleep(200);
      }
    }
  }
}
