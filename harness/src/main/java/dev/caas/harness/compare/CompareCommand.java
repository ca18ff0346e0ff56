package dev.caas.harness.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caas compare}: two bench files to a {@link Comparison}, printed as Markdown; the exit code
 * says whether it regressed.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Compares a bench's results with a baseline, for a pull request or a CI job.",
      "",
      "Reads two 'caas bench --json' files and, for each variant in both, compares the median, the p99 and the "
          + "throughput: the ratio current/baseline with a confidence interval bootstrapped from every "
          + "request's latency, and a verdict, slower, same or faster. A row is slower only when its whole "
          + "interval lies beyond the threshold, so noise is not a regression. Prints Markdown (fit for "
          + "$GITHUB_STEP_SUMMARY), and warns when the two files measured different scenarios.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  A change against the committed baseline:",
      "    caas bench --variant all --json current.json",
      "    caas compare --baseline results/baseline.json --current current.json",
      "  The same, also as compare.md and compare.json for a CI job:",
      "    caas compare --baseline base.json --current current.json --out results",
      "  Only changes over 10 %% count:",
      "    caas compare --baseline a.json --current b.json --threshold 10%%",
      "  The head of an A/B run against its base (caas ab --out target/gate), judged again:",
      "    caas compare --ab target/gate/ab.json --threshold 10%%",
      "  Straight into a GitHub Actions job summary (see .github/workflows/):",
      "    caas compare --baseline a.json --current b.json >> \"$GITHUB_STEP_SUMMARY\"",
      "",
      "Exit codes:",
      "  0  no row is slower: same or faster everywhere",
      "  1  a regression: at least one row is slower beyond the threshold",
      "  2  bad input: a file missing or not a bench report, or no variant in common"
    })
public final class CompareCommand implements Callable<Integer> {
  static final int EXIT_NO_REGRESSION = 0;
  static final int EXIT_REGRESSION = 1;
  static final int EXIT_BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "The reference: a 'caas bench --json' file, e.g. results/baseline.json.")
  Path baseline;

  @Option(
      names = "--current",
      paramLabel = "FILE",
      description = "The run to judge, written the same way.")
  Path current;

  @Option(
      names = "--ab",
      paramLabel = "FILE",
      description =
          "Instead of the two above: an A/B run's ab.json ('caas ab --out DIR'), head judged against"
              + " base from the same run.")
  Path ab;

  @Option(
      names = "--threshold",
      paramLabel = "FRACTION",
      defaultValue = "0.05",
      converter = Fraction.class,
      description = "The smallest change that counts, as 0.05 or 5%% (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--confidence",
      paramLabel = "LEVEL",
      defaultValue = "0.95",
      converter = Fraction.class,
      description = "Of the interval, as 0.95 or 95%% (default ${DEFAULT-VALUE}).")
  double confidence;

  @Option(
      names = "--resamples",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Bootstrap resamples per run (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Of the resampling; the same files and seed give the same report (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Also write the report as Markdown to FILE.")
  Path markdown;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the comparison as JSON to FILE.")
  Path json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write compare.md and compare.json into DIR.")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    boolean twoFiles = baseline != null || current != null;
    if (ab != null ? twoFiles : baseline == null || current == null) {
      spec.commandLine()
          .getErr()
          .println("caas compare: give --baseline and --current, or --ab, not both");
      return EXIT_BAD_INPUT;
    }
    if (ab != null) {
      return compareAb(stdout);
    }
    Comparison comparison;
    try {
      var settings = new Comparison.Settings(threshold, confidence, resamples, seed);
      comparison = Comparison.of(ResultsFile.read(baseline), ResultsFile.read(current), settings);
    } catch (IllegalArgumentException e) {
      // Said here, not left to the parent command: exit code 1 must only ever mean a regression.
      spec.commandLine().getErr().println("caas compare: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    stdout.print(CompareWriter.markdown(comparison));
    for (Path file : files(markdown, "compare.md")) {
      CompareWriter.writeMarkdown(comparison, file);
      stdout.println("wrote " + file);
    }
    for (Path file : files(json, "compare.json")) {
      CompareWriter.writeJson(comparison, file);
      stdout.println("wrote " + file);
    }
    stdout.flush();
    return comparison.regressed() ? EXIT_REGRESSION : EXIT_NO_REGRESSION;
  }

  /** The head of an A/B run against its base, both from the same file. */
  private int compareAb(PrintWriter stdout) throws IOException {
    GateFile file;
    GateComparison gate;
    try {
      file = GateFile.read(ab);
      var settings = new Comparison.Settings(threshold, confidence, resamples, seed);
      gate = GateComparison.of(file.variant(), file.runs(), settings);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("caas compare: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    stdout.print(GateWriter.markdown(file, gate, null));
    for (Path written : files(markdown, "gate.md")) {
      GateWriter.write(file, gate, written);
      stdout.println("wrote " + written);
    }
    stdout.flush();
    return gate.regressed() ? EXIT_REGRESSION : EXIT_NO_REGRESSION;
  }

  private List<Path> files(Path file, String nameInOut) {
    var files = new ArrayList<Path>();
    if (file != null) {
      files.add(file);
    }
    if (out != null) {
      files.add(out.resolve(nameInOut));
    }
    return files;
  }

  /** {@code 0.05} or {@code 5%}. */
  static final class Fraction implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String text = value.strip();
      try {
        return text.endsWith("%")
            ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
            : Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a fraction such as 0.05 or 5%");
      }
    }
  }
}
