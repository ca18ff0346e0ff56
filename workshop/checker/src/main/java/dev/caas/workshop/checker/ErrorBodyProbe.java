package dev.caas.workshop.checker;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.harness.text.Progress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One failed request, read whole. The contract's error answer is a JSON body that names the step to
 * blame and the request's own id (the one in its {@code X-Request-Id} header). The harness's
 * samples keep an error's status and step, not the id in its body; and a server that gets a step's
 * {@code StepFailure} inside another exception (the {@code CompletionException} of {@code join()})
 * unwraps it for the status and step but answers without the id. So once the fault run is over and
 * before its variant stops, the probe locks the {@code dog} table once more and reads one answer
 * whole: a 504 that blames the name step and carries the request's id.
 *
 * <p>It watches the fault run ({@link FaultCheck}) as a {@link Progress}: the bench says {@code
 * stopping} while the variant still runs, its deadline the fault run's (1 s, so the locked lookup
 * fails soon), and the probe asks it then. The variant is found among the checker's children by the
 * jar the lab linked for the run, and reached on the port its command line names.
 */
final class ErrorBodyProbe implements Progress {
  /** Longer than any deadline a fault run gives the variant: the answer comes before. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static final Pattern REQUEST_ID =
      Pattern.compile("\"requestId\"\\s*:\\s*(?:\"([^\"]*)\"|null)");

  private static final Pattern PORT = Pattern.compile("--port (\\d+)");

  private final Lab lab;
  private final String jar;
  private volatile Optional<String> wrong;
  private volatile String notProbed = "the fault run did not get as far as stopping its variant";

  /**
   * @param jar the jar the lab launches the fault run by ({@link Lab#launchedJar})
   */
  ErrorBodyProbe(Lab lab, String jar) {
    this.lab = lab;
    this.jar = jar;
  }

  @Override
  public void phase(String variant, String what) {
    if (what.startsWith("stopping") && wrong == null) {
      try {
        wrong = probe();
      } catch (Exception e) {
        notProbed = "one answer could not be read whole: " + e;
      }
    }
  }

  @Override
  public void requests(String variant, int done, int total) {}

  @Override
  public void warn(String message) {}

  /**
   * What was wrong with the answer, in a sentence; empty when it was the contract's error.
   *
   * @throws Lab.NotMeasured when no answer was read
   */
  Optional<String> wrongAnswer() throws Lab.NotMeasured {
    if (wrong == null) {
      throw new Lab.NotMeasured(notProbed);
    }
    return wrong;
  }

  private Optional<String> probe() throws Exception {
    String commandLine =
        ProcessHandle.current()
            .descendants()
            .flatMap(p -> p.info().commandLine().stream())
            .filter(line -> line.contains(jar))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no variant runs " + jar));
    Matcher port = PORT.matcher(commandLine);
    if (!port.find()) {
      throw new IllegalStateException("no --port in " + commandLine);
    }
    URI dog = URI.create("http://127.0.0.1:" + port.group(1) + DogPaths.DOG);
    HttpResponse<String> answer;
    try (HttpClient http = HttpClient.newHttpClient();
        AutoCloseable locked = lab.lockDogTable()) {
      answer =
          http.send(
              HttpRequest.newBuilder(dog).timeout(PATIENCE).build(),
              HttpResponse.BodyHandlers.ofString());
    }
    String id = answer.headers().firstValue(DogHeaders.X_REQUEST_ID).orElse("(none)");
    Matcher inBody = REQUEST_ID.matcher(answer.body());
    String idInBody = inBody.find() && inBody.group(1) != null ? inBody.group(1) : "null";
    if (answer.statusCode() == 504 && idInBody.equals(id)) {
      return Optional.empty();
    }
    return Optional.of(
        "one request read whole while the dog table was locked was answered "
            + answer.statusCode()
            + " "
            + answer.body().strip()
            + " with X-Request-Id "
            + id
            + ": the contract's error body carries the request's id, and this one "
            + (idInBody.equals(id) ? "is not the 504 the locked lookup gives" : "does not"));
  }
}
