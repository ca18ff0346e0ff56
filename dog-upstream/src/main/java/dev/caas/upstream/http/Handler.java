package dev.caas.upstream.http;

import java.io.IOException;

/** Answers one request; it must answer exactly once, through {@code answer}. */
@FunctionalInterface
public interface Handler {
  void handle(RequestHead request, Answer answer) throws IOException;
}
