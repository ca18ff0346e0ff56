package dev.caas.workshop.checker;

import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caas check EXERCISE}: grades an exercise of the workshop by what its jar does under the
 * harness. The {@code caas} launcher builds the exercise first and runs its contract suite; this
 * runs the rest.
 */
@Command(
    name = "caas check",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Grades a workshop exercise on behaviour, not code: builds it and runs its contract suite (the caas "
          + "launcher does that part), then starts its jar like a variant under the harness, with latency "
          + "injected, and compares what it measures with the theory: the latency shape from Server-Timing, "
          + "threads caught blocked, billing reconciled after a fault, predicted against measured ceilings.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./caas check --list                   the exercises",
      "  ./caas check gather-threads           build, contract suite, then the verdict",
      "  ./caas check gather-threads --out DIR + the harness's report.html and waterfall SVGs in DIR/gather-threads/",
      "  ./caas check gather-threads --hint    the first hint; --hint 2 the next (no build, no run)",
      "",
      "Exit codes: 0 passed, 1 failed (the verdict says why), 2 cannot run (unknown exercise, jar not built)."
    })
public final class Check implements Callable<Integer> {
  static final int EXIT_PASSED = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Shows this help and exits.")
  boolean help;

  @Parameters(
      arity = "0..1",
      paramLabel = "EXERCISE",
      description = "The exercise, e.g. gather-threads.")
  String exercise;

  @Option(names = "--list", description = "Lists the exercises and exits.")
  boolean list;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Also writes each run's report, as caas bench --out does (report.html, waterfall SVGs).")
  Path reportFolder;

  @Option(
      names = "--hint",
      arity = "0..1",
      fallbackValue = "1",
      paramLabel = "N",
      description =
          "Shows the exercise's hint N (default 1), as folded in workshop/HINTS.md, and exits.")
  Integer hint;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description =
          "Grades this jar instead of the exercise's (e.g. a real variant's, to see the reference pass).")
  Path jar;

  @Option(
      names = "--answer",
      paramLabel = "FILE",
      description =
          "size-the-pool only: the answer file (default: the exercise's answer.properties).")
  Path answer;

  @Option(
      names = "--contract-suite",
      paramLabel = "RESULT",
      hidden = true,
      description =
          "Set by the caas launcher: passed, or failed when the exercise's contract suite failed.")
  String contractSuite = "passed";

  public static void main(String[] args) {
    System.exit(new CommandLine(new Check()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      out.println("The exercises, in the guide's order (workshop/README.md):");
      for (Exercise e : Exercise.values()) {
        out.printf(
            Locale.ROOT,
            "  %-27s runs as %-20s %s%n",
            e.wireName(),
            e.variant().wireName(),
            e.task());
      }
      out.flush();
      return EXIT_PASSED;
    }
    if (exercise == null) {
      err.println(
          "caas check: which exercise? One of: " + Exercise.names() + " (./caas check --list)");
      return EXIT_CANNOT_RUN;
    }
    var chosen = Exercise.parse(exercise);
    if (chosen.isEmpty()) {
      err.println(
          "caas check: no exercise '"
              + exercise
              + "'"
              + suggestion(exercise)
              + ". The exercises: "
              + Exercise.names()
              + " (./caas check --list says what each is about).");
      return EXIT_CANNOT_RUN;
    }
    Exercise graded = chosen.get();
    if (hint != null) {
      out.print(Hints.show(graded, Files.readString(Hints.file(projectRoot())), hint));
      out.flush();
      return EXIT_PASSED;
    }
    if (contractSuite.equals("failed")) {
      out.print(
          Verdict.fail(
                  graded.wireName(),
                  java.util.List.of(
                      "the contract suite fails (Maven's report is above): the variant must be correct before its"
                          + " behaviour under load counts."),
                  java.util.List.of(),
                  "fix what the first failing test says; only then does the checker measure it.")
              .text());
      out.flush();
      return EXIT_FAILED;
    }
    Path root = projectRoot();
    String version = Lab.version();
    Path gradedJar = jar != null ? jar.toAbsolutePath() : graded.jar(root, version);
    if (!Files.isRegularFile(gradedJar)) {
      err.println(
          "caas check: no jar at "
              + gradedJar
              + "; build it with ./mvnw -q -pl workshop/exercises/"
              + graded.wireName()
              + " -am package -DskipTests (./caas check "
              + graded.wireName()
              + " does it for you)");
      return EXIT_CANNOT_RUN;
    }
    Path answerFile = answer != null ? answer.toAbsolutePath() : graded.answer(root);
    err.println(
        "caas check "
            + graded.wireName()
            + ": grading "
            + root.relativize(gradedJar.normalize())
            + " as "
            + graded.variant().wireName()
            + (answerFile == null ? "" : ", answers from " + answerFile));
    err.flush();
    Verdict verdict;
    List<Path> reportsWritten;
    try (var lab =
        Lab.start(
            root.resolve("target").resolve("caas-check"),
            reportFolder == null ? null : reportFolder.toAbsolutePath(),
            Progress.console(System.err))) {
      verdict = graded.grade(new Subject(gradedJar, answerFile), lab);
      reportsWritten = lab.reportsWritten();
    }
    out.println();
    out.print(verdict.text());
    for (Path written : reportsWritten) {
      out.println(
          "  Report: " + written.resolve("report.html") + " (and its SVG charts beside it)");
    }
    out.flush();
    return verdict.passed() ? EXIT_PASSED : EXIT_FAILED;
  }

  private static Path projectRoot() {
    String home = System.getenv("CAAS_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    return VariantJars.findProjectRoot(Path.of("").toAbsolutePath())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "run inside the project (no caas-parent pom.xml above "
                        + Path.of("").toAbsolutePath()
                        + ") or set CAAS_HOME"));
  }

  /**
   * {@code (did you mean gather-threads?)} for a name that starts or ends like one, else nothing.
   */
  static String suggestion(String name) {
    String given = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(Exercise.values())
        .map(Exercise::wireName)
        .filter(known -> known.contains(given) || given.contains(known.split("-")[0]))
        .findFirst()
        .map(known -> " (did you mean " + known + "?)")
        .orElse("");
  }
}
