package dev.caas.workshop.checker;

import java.nio.file.Path;

/**
 * What is graded: a jar that runs like a variant (the attendee's exercise jar, or for the reference
 * solution the real implementation's), and for the exercise that is answered in a file, that file.
 *
 * @param answer the answer file, or {@code null} for the exercises that have none
 */
public record Subject(Path jar, Path answer) {
  public static Subject jar(Path jar) {
    return new Subject(jar, null);
  }
}
