package dev.caas.workshop.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checker says about one exercise: whether it passed, why in the harness's terms (latency
 * in units of the injected L, the steps of the median request, threads caught blocked, billing
 * against photos served), what it saw (waterfall, step medians), and what to do next.
 *
 * <p>A verdict describes what was measured, never the fix: the fix is the attendee's to find. Hints
 * are asked for, one at a time ({@code ./caas check NAME --hint}); a failing verdict only says so.
 *
 * @param why one or more sentences, the first the headline
 * @param evidence lines printed under the sentences, as the harness prints them (waterfalls,
 *     tables)
 * @param next what to do next: where the hints are, or how to get a run that measures; empty when
 *     it passed
 */
public record Verdict(
    String exercise, boolean passed, List<String> why, List<String> evidence, String next) {

  public Verdict {
    why = List.copyOf(why);
    evidence = List.copyOf(evidence);
  }

  public static Verdict pass(String exercise, List<String> why, List<String> evidence) {
    return new Verdict(exercise, true, why, evidence, "");
  }

  /** A failure the attendee's code caused; next, the hints are there to be asked for. */
  public static Verdict fail(String exercise, List<String> why, List<String> evidence) {
    return new Verdict(exercise, false, why, evidence, askForAHint(exercise));
  }

  /** A failure with a next step of its own: a run that did not measure, a file to fill in. */
  public static Verdict fail(
      String exercise, List<String> why, List<String> evidence, String next) {
    return new Verdict(exercise, false, why, evidence, next);
  }

  /** The jar did not start or the bench failed: nothing was measured, so nothing is graded. */
  public static Verdict didNotRun(String exercise, String reason) {
    return fail(
        exercise,
        List.of("it did not run: " + reason),
        List.of(),
        "run ./caas check " + exercise + " again after fixing what the log says.");
  }

  /** {@code stuck? ./caas check gather-threads --hint shows the first hint (--hint 2 the next)} */
  static String askForAHint(String exercise) {
    return "stuck? ./caas check "
        + exercise
        + " --hint shows the first hint, --hint 2 the next (workshop/HINTS.md has them folded).";
  }

  /**
   * The verdict for the console: {@code gather-threads: FAIL}, the sentences, the evidence, what
   * next.
   */
  public String text() {
    var lines = new ArrayList<String>();
    lines.add(exercise + ": " + (passed ? "PASS" : "FAIL"));
    why.forEach(sentence -> lines.add("  " + sentence));
    if (!evidence.isEmpty()) {
      lines.add("");
      evidence.forEach(line -> lines.add("  " + line));
    }
    if (!next.isBlank()) {
      lines.add("");
      lines.add("  Next: " + next);
    }
    return String.join("\n", lines) + "\n";
  }
}
