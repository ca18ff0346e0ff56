package dev.caas.workshop.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exercise's hints, read from the file where they are folded ({@code <details><summary>Hints
 * </summary>} under the exercise's section of {@code workshop/HINTS.md}), so that {@code ./caas
 * check NAME --hint 2} shows exactly what the file shows, one at a time, and the two never differ.
 * Each hint is one bullet ({@code - …}, continued on indented lines). The guide points there
 * instead of carrying them: read in a terminal, a fold is plain text, and the hints were read along
 * with the exercise.
 */
final class Hints {
  private static final String FOLD = "<details><summary>Hints</summary>";

  private Hints() {}

  /** The hints, {@code workshop/HINTS.md} under the project root. */
  static java.nio.file.Path file(java.nio.file.Path projectRoot) {
    return projectRoot.resolve("workshop").resolve("HINTS.md");
  }

  /** The exercise's hints in the file's order; empty when its section has none. */
  static List<String> of(Exercise exercise, String hintsFile) {
    Matcher heading =
        Pattern.compile("(?m)^## \\d+\\. .*`" + Pattern.quote(exercise.wireName()) + "`.*$")
            .matcher(hintsFile);
    if (!heading.find()) {
      return List.of();
    }
    int next = hintsFile.indexOf("\n## ", heading.end());
    String section = hintsFile.substring(heading.end(), next < 0 ? hintsFile.length() : next);
    int fold = section.indexOf(FOLD);
    if (fold < 0) {
      return List.of();
    }
    int end = section.indexOf("</details>", fold);
    var hints = new ArrayList<String>();
    for (String line : section.substring(fold + FOLD.length(), end).split("\n")) {
      if (line.startsWith("- ")) {
        hints.add(line.substring(2).strip());
      } else if (line.startsWith("  ") && !hints.isEmpty() && !line.isBlank()) {
        hints.set(hints.size() - 1, hints.getLast() + " " + line.strip());
      }
    }
    return List.copyOf(hints);
  }

  /**
   * Hint {@code number} (from 1) for the console, and how to get the next; or why there is none.
   */
  static String show(Exercise exercise, String hintsFile, int number) {
    List<String> hints = of(exercise, hintsFile);
    String name = exercise.wireName();
    if (hints.isEmpty()) {
      return name + " has no hints in workshop/HINTS.md.\n";
    }
    if (number < 1 || number > hints.size()) {
      return name + " has hints 1 to " + hints.size() + "; ./caas check " + name + " --hint 1\n";
    }
    String after =
        number < hints.size()
            ? "the next: ./caas check " + name + " --hint " + (number + 1)
            : "that was the last; the reference solution is in workshop/SOLUTIONS.md";
    return name
        + ", hint "
        + number
        + " of "
        + hints.size()
        + ":\n  "
        + hints.get(number - 1)
        + "\n("
        + after
        + ")\n";
  }
}
