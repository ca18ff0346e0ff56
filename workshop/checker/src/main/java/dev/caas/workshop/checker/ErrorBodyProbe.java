package dev.caas.workshop.checker;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.harness.variant.VariantProcess;
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
 * unwraps it for the status and step but answers without the id. So the checker starts the jar once
 * more, locks the {@code dog} table, and reads the one answer whole: a 504 that blames the name
 * step and carries the request's id.
 */
final class ErrorBodyProbe {
  /** Short, so the locked name lookup fails soon: a 504 at the deadline. */
  static final Duration DEADLINE = Duration.ofSeconds(1);

  private static final Pattern REQUEST_ID =
      Pattern.compile("\"requestId\"\\s*:\\s*(?:\"([^\"]*)\"|null)");

  private ErrorBodyProbe() {}

  /** What was wrong with the answer, in a sentence; empty when it was the contract's error. */
  static Optional<String> check(Exercise exercise, Subject subject, Lab lab) throws Exception {
    try (VariantProcess variant =
            lab.launch(
                exercise.wireName() + "-error-body", subject.jar(), exercise.variant(), DEADLINE);
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> answer;
      try (AutoCloseable locked = lab.lockDogTable()) {
        answer =
            http.send(
                HttpRequest.newBuilder(variant.baseUrl().resolve(DogPaths.DOG))
                    .timeout(DEADLINE.multipliedBy(10))
                    .build(),
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
}
