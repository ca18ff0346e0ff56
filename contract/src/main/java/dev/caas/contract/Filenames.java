package dev.caas.contract;

import java.util.regex.Pattern;

/**
 * What a filename from the upstream may look like, and how a dog's name is made safe for a header.
 * The upstream is another service: its {@code X-Filename} is input, never trusted.
 */
public final class Filenames {
  /**
   * Letters, digits, dot, dash and underscore, ending in {@code .jpg}: no quotes, no CR/LF, no
   * path.
   */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.jpg");

  private Filenames() {}

  public static boolean isValid(String filename) {
    return filename != null && VALID.matcher(filename).matches() && !filename.contains("..");
  }

  /**
   * Checks the upstream's {@code X-Filename}.
   *
   * @throws StepFailure 502 when it is missing or could carry a path, a quote or a header break
   */
  public static String requireValid(String filename) {
    if (filename == null || filename.isBlank()) {
      throw StepFailure.badGateway(
          Step.UPSTREAM, "upstream answered without " + DogHeaders.X_FILENAME);
    }
    if (!isValid(filename)) {
      throw StepFailure.badGateway(
          Step.UPSTREAM, "upstream sent an invalid " + DogHeaders.X_FILENAME);
    }
    return filename;
  }

  /**
   * A dog's name fit for {@code Content-Disposition} and a header: printable ASCII, no quotes or
   * path chars.
   */
  public static String safeDisplayName(String name) {
    var out = new StringBuilder();
    for (char c : name.toCharArray()) {
      boolean printable = c >= 0x20 && c < 0x7f;
      boolean harmful = c == '"' || c == '\\' || c == '/' || c == ';';
      if (printable && !harmful) {
        out.append(c);
      }
    }
    var cleaned = out.toString().strip();
    return cleaned.isEmpty() ? "dog" : cleaned;
  }
}
