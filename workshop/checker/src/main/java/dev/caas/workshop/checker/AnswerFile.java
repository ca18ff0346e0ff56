package dev.caas.workshop.checker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The answers of an exercise answered in a file ({@code answer.properties} in the exercise's
 * folder): one {@code key = value} a question, read as numbers. What is missing or not a number is
 * an {@link IOException} whose message says which key, for the verdict to quote.
 */
final class AnswerFile {
  static final String NAME = "answer.properties";

  private final Path file;
  private final Properties answers;

  private AnswerFile(Path file, Properties answers) {
    this.file = file;
    this.answers = answers;
  }

  static AnswerFile read(Path file) throws IOException {
    if (file == null || !Files.isRegularFile(file)) {
      throw new IOException("no answer file at " + file);
    }
    var answers = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      answers.load(in);
    }
    return new AnswerFile(file, answers);
  }

  /**
   * The verdict when the answers cannot be read: what is missing, and where to write it.
   *
   * @param what what to write, as in {@code all six predictions}
   */
  static Verdict unanswered(Exercise exercise, IOException why, String what) {
    return Verdict.fail(
        exercise.wireName(),
        List.of(why.getMessage() + "."),
        List.of(),
        "write " + what + " in workshop/exercises/" + exercise.wireName() + "/" + NAME + ".");
  }

  /** The answer to {@code key}, a number. */
  double number(String key) throws IOException {
    String value = answers.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IOException(file.getFileName() + " has no " + key);
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IOException(
          file.getFileName() + ": " + key + " is '" + value.trim() + "', not a number");
    }
  }

  /** The answer to {@code key}, a whole number from {@code least} to {@code most}. */
  long wholeNumber(String key, long least, long most) throws IOException {
    double value = number(key);
    if (value != Math.rint(value) || value < least || value > most) {
      throw new IOException(
          file.getFileName()
              + ": "
              + key
              + " must be a whole number from "
              + least
              + " to "
              + most);
    }
    return (long) value;
  }
}
