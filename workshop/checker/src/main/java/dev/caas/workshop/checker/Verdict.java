package dev.caas.workshop.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checker says about one exercise: whether it passed, why in the harness's terms (latency
 * in units of the injected L, the steps of the median request, threads caught blocked, billing
 * against photos served), what it saw (waterfall, step medians), and on a failure a hint.
 *
 * @param why one or more sentences, the first the headline
 * @param evidence lines printed under the sentences, as the harness prints them (waterfalls,
 *     tables)
 * @param hint where to look next; empty when it passed
 */
public record Verdict(
    String exercise, boolean passed, List<String> why, List<String> evidence, String hint) {

  public Verdict {
    why = List.copyOf(why);
    evidence = List.copyOf(evidence);
  }

  public static Verdict pass(String exercise, List<String> why, List<String> evidence) {
    return new Verdict(exercise, true, why, evidence, "");
  }

  public static Verdict fail(
      String exercise, List<String> why, List<String> evidence, String hint) {
    return new Verdict(exercise, false, why, evidence, hint);
  }

  /**
   * The verdict for the console: {@code gather-threads: FAIL}, the sentences, the evidence, the
   * hint.
   */
  public String text() {
    var lines = new ArrayList<String>();
    lines.add(exercise + ": " + (passed ? "PASS" : "FAIL"));
    why.forEach(sentence -> lines.add("  " + sentence));
    if (!evidence.isEmpty()) {
      lines.add("");
      evidence.forEach(line -> lines.add("  " + line));
    }
    if (!hint.isBlank()) {
      lines.add("");
      lines.add("  Hint: " + hint);
    }
    return String.join("\n", lines) + "\n";
  }
}
