package dev.caas.conform;

import dev.caas.testkit.Subject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The verdict of a conform run, per contract area: tests passed, failed and skipped, with each
 * failure's and each skip's reason. It listens to the JUnit Platform while the suites run.
 */
public final class ConformanceTable implements TestExecutionListener {
  /** Exit code: every test passed or was declared skipped. */
  public static final int PASSED = 0;

  /** Exit code: at least one test failed. */
  public static final int FAILED = 1;

  private record Outcome(String test, String reason) {}

  private static final class Tally {
    int passed;
    final List<Outcome> failed = new ArrayList<>();
    final List<Outcome> skipped = new ArrayList<>();
  }

  private final Subject subject;
  private final Map<Area, Tally> tallies = new EnumMap<>(Area.class);
  private final PrintStream progress;

  ConformanceTable(Subject subject, Set<Area> areas, PrintStream progress) {
    this.subject = subject;
    this.progress = progress;
    areas.forEach(area -> tallies.put(area, new Tally()));
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    // A suite's run for the composition the subject does not have is no news; a declared skip is.
    if (test.isTest() || reason.startsWith(DeclaredSkips.PREFIX)) {
      var area = areaOf(test);
      if (area != null) {
        tallies.get(area).skipped.add(new Outcome(nameOf(test), reason));
        progress.printf("  skipped  %s %s: %s%n", area.wireName(), nameOf(test), reason);
      }
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    var area = areaOf(test);
    if (area == null) {
      return;
    }
    Tally tally = tallies.get(area);
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      // A suite's own assumption: the subject lacks what the test needs (its other composition).
      // On a test it is a skip with the suite's reason; on the run for the composition the subject
      // does not have it is no news.
      if (test.isTest()) {
        String reason = result.getThrowable().map(t -> firstLine(t.getMessage())).orElse("");
        tally.skipped.add(new Outcome(nameOf(test), reason));
        progress.printf("  skipped  %s %s: %s%n", area.wireName(), nameOf(test), reason);
      }
    } else if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      if (test.isTest()) {
        tally.passed++;
        progress.printf("  passed   %s %s%n", area.wireName(), nameOf(test));
      }
    } else {
      // A failed container (the subject did not start) counts, so nothing fails unseen.
      String reason =
          result
              .getThrowable()
              .map(t -> firstLine(t.getMessage()))
              .orElse(result.getStatus().name());
      tally.failed.add(new Outcome(nameOf(test), reason));
      progress.printf("  FAILED   %s %s: %s%n", area.wireName(), nameOf(test), reason);
    }
  }

  /** 0 when nothing failed, 1 otherwise. */
  public int exitCode() {
    return tallies.values().stream().anyMatch(t -> !t.failed.isEmpty()) ? FAILED : PASSED;
  }

  /** The table, then the reasons of every failure and skip. */
  public void print(PrintStream out) {
    out.printf("%nconform: %s (%s)%n", subject.name(), subject.composition().wireName());
    out.printf("%-8s %6s %6s %7s  %s%n", "area", "passed", "failed", "skipped", "checks");
    tallies.forEach(
        (area, tally) ->
            out.printf(
                "%-8s %6d %6d %7d  %s%n",
                area.wireName(),
                tally.passed,
                tally.failed.size(),
                tally.skipped.size(),
                area.checks()));
    tallies.forEach(
        (area, tally) -> {
          tally.failed.forEach(
              o -> out.printf("failed   %s %s: %s%n", area.wireName(), o.test(), o.reason()));
          tally.skipped.forEach(
              o -> out.printf("skipped  %s %s: %s%n", area.wireName(), o.test(), o.reason()));
        });
    out.println(exitCode() == PASSED ? "result: conforms" : "result: does NOT conform");
  }

  private static Area areaOf(TestIdentifier test) {
    var source = test.getSource().orElse(null);
    String className =
        source instanceof MethodSource method
            ? method.getClassName()
            : source instanceof ClassSource type ? type.getClassName() : null;
    if (className == null) {
      return null;
    }
    try {
      return Area.ofSuite(className);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  private static String nameOf(TestIdentifier test) {
    var source = test.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      String display = test.getDisplayName();
      return display.startsWith(method.getMethodName())
          ? method.getMethodName()
          : method.getMethodName() + " " + display;
    }
    return test.getDisplayName();
  }

  /** An assertion's message on one line (AssertJ spreads one over several), at most 200 chars. */
  private static String firstLine(String text) {
    String line = String.valueOf(text).strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 200) + " …";
  }
}
