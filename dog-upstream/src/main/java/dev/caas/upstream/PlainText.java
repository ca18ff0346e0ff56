package dev.caas.upstream;

import dev.caas.upstream.http.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Short text answers: errors, and the admin endpoint's fault name. */
final class PlainText {
  private PlainText() {}

  static void send(Answer answer, int status, String text) throws IOException {
    answer
        .header("Content-Type", "text/plain; charset=utf-8")
        .send(status, text.getBytes(StandardCharsets.UTF_8));
  }
}
