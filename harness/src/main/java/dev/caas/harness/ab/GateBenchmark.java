package dev.caas.harness.ab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caas.harness.compare.Comparison;
import dev.caas.harness.compare.GateComparison;
import dev.caas.harness.compare.GateFile;
import dev.caas.harness.compare.GateMetric;
import dev.caas.harness.compare.GateRun;
import dev.caas.harness.compare.Verdict;
import dev.caas.harness.text.Progress;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate measured: how often it calls a head "slower" that burns {@code spin} more CPU per
 * request, and how often it calls the same build against itself slower ({@code spin} zero: a false
 * alarm). Each trial is one whole A/B run, as the CI job makes it; trials of every spin take turns
 * (0, 1 ms, 0.5 ms, … then again), so a noisy quarter of an hour falls on all spins alike.
 *
 * <p>Each trial's verdicts are appended to {@code trials.jsonl} as soon as it ends, so a benchmark
 * stopped early still leaves its counts; {@code detection.md} is the table of them.
 */
public final class GateBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AbRunner runner;
  private final Comparison.Settings settings;
  private final Progress progress;

  public GateBenchmark(AbRunner runner, Comparison.Settings settings, Progress progress) {
    this.runner = runner;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * One trial's outcome.
   *
   * @param spin the head's extra CPU per request; zero for the same build against itself
   * @param slower the metrics the gate called slower
   * @param cpuRatio head/base of CPU per request
   * @param took the trial's wall time
   */
  public record Trial(
      Duration spin, int round, List<GateMetric> slower, double cpuRatio, Duration took) {
    public boolean flagged() {
      return !slower.isEmpty();
    }
  }

  /** Runs {@code rounds} trials of every spin, writing into {@code folder} as it goes. */
  public List<Trial> run(String variant, Path jars, List<Duration> spins, int rounds, Path folder)
      throws Exception {
    Files.createDirectories(folder);
    Path log = folder.resolve("trials.jsonl");
    var trials = new ArrayList<Trial>();
    for (int round = 1; round <= rounds; round++) {
      for (Duration spin : spins) {
        progress.phase("trial", round + " of " + rounds + ", spin " + millis(spin));
        long started = System.nanoTime();
        var base = new Build(GateRun.BASE, jars, Duration.ZERO);
        var head = new Build(GateRun.HEAD, jars, spin);
        List<GateRun> runs = runner.run(base, head);
        GateComparison gate = GateComparison.of(variant, runs, settings);
        // Every request kept, so the trial can be judged again: caas compare --ab FILE.
        new GateFile(variant, Map.of("spin", millis(spin), "round", Integer.toString(round)), runs)
            .write(
                folder
                    .resolve("trials")
                    .resolve("ab-" + round + "-" + millis(spin).replace(" ", "") + ".json"));
        var trial =
            new Trial(
                spin,
                round,
                gate.rows(Verdict.SLOWER).stream().map(GateComparison.Row::metric).toList(),
                gate.rows().stream()
                    .filter(row -> row.metric() == GateMetric.CPU)
                    .mapToDouble(GateComparison.Row::ratio)
                    .findFirst()
                    .orElse(Double.NaN),
                Duration.ofNanos(System.nanoTime() - started));
        trials.add(trial);
        Files.writeString(
            log,
            line(trial, gate) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        Files.writeString(folder.resolve("detection.md"), table(trials), StandardCharsets.UTF_8);
      }
    }
    return trials;
  }

  /** The detection table: per spin, trials run and trials flagged, and which metric flagged. */
  public static String table(List<Trial> trials) {
    var bySpin = new LinkedHashMap<Duration, List<Trial>>();
    trials.stream()
        .sorted((a, b) -> a.spin().compareTo(b.spin()))
        .forEach(t -> bySpin.computeIfAbsent(t.spin(), s -> new ArrayList<>()).add(t));
    var out = new StringBuilder();
    out.append(
        "| head's extra CPU per request | trials | flagged slower | flagged by (metric: trials) |"
            + " CPU ratio head/base, median | trial time, median |\n");
    out.append("|---|---:|---:|---|---:|---:|\n");
    bySpin.forEach(
        (spin, ofSpin) -> {
          Map<GateMetric, Integer> byMetric = new EnumMap<>(GateMetric.class);
          ofSpin.forEach(t -> t.slower().forEach(m -> byMetric.merge(m, 1, Integer::sum)));
          var flaggedBy = new ArrayList<String>();
          byMetric.forEach((metric, count) -> flaggedBy.add(metric.label() + ": " + count));
          out.append("| ")
              .append(spin.isZero() ? "none (A = B)" : millis(spin))
              .append(" | ")
              .append(ofSpin.size())
              .append(" | ")
              .append(ofSpin.stream().filter(Trial::flagged).count())
              .append(" | ")
              .append(String.join(", ", flaggedBy))
              .append(" | ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%.3f",
                      median(ofSpin.stream().mapToDouble(Trial::cpuRatio).toArray())))
              .append(" | ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%.0f s",
                      median(
                          ofSpin.stream()
                              .mapToDouble(t -> t.took().toMillis() / 1000.0)
                              .toArray())))
              .append(" |\n");
        });
    return out.toString();
  }

  private static String line(Trial trial, GateComparison gate) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("spin_ms", trial.spin().toNanos() / 1e6);
    node.put("round", trial.round());
    node.put("flagged", trial.flagged());
    node.put("took_s", trial.took().toMillis() / 1000.0);
    var rows = node.putArray("rows");
    for (GateComparison.Row row : gate.rows()) {
      rows.addObject()
          .put("metric", row.metric().name())
          .put("base", row.base())
          .put("head", row.head())
          .put("ratio", row.ratio())
          .put("ci_low", row.low())
          .put("ci_high", row.high())
          .put("verdict", row.verdict().word());
    }
    return JSON.writeValueAsString(node);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String millis(Duration spin) {
    return BigDecimal.valueOf(spin.toNanos(), 6).stripTrailingZeros().toPlainString() + " ms";
  }
}
