package dev.caas.harness.compare;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Bench reports of made-up latencies, written by the real {@link ReportWriter}, so the tests read
 * exactly what {@code caas bench --json} writes.
 */
final class BenchFiles {
  static final Limits LIMITS = new Limits(32, 20, null, null);

  private BenchFiles() {}

  /**
   * {@code count} latencies around {@code medianMs}, log-normal with a 10 % spread: skewed to the
   * right, as latencies are. The same seed gives the same draw.
   */
  static double[] latencies(long seed, int count, double medianMs) {
    var random = new Random(seed);
    double[] latencies = new double[count];
    for (int i = 0; i < count; i++) {
      latencies[i] = medianMs * Math.exp(0.1 * random.nextGaussian());
    }
    return latencies;
  }

  /** The same latencies, each times {@code factor}. */
  static double[] scaled(double[] latencies, double factor) {
    double[] scaled = latencies.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= factor;
    }
    return scaled;
  }

  /**
   * Samples as a closed loop of {@code clients} sends them: each client's next request when its
   * last one ends.
   */
  static List<Sample> closedLoop(double[] latenciesMs, int clients) {
    var freeAt = new PriorityQueue<Long>();
    for (int c = 0; c < clients; c++) {
      freeAt.add(0L);
    }
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < latenciesMs.length; i++) {
      long start = freeAt.poll();
      long end = start + (long) (latenciesMs[i] * 1e6);
      freeAt.add(end);
      samples.add(
          new Sample(i, start, start, end, 200, 40_000, "dog-" + (i % 3) + ".jpg", null, null));
    }
    return samples;
  }

  /** The sample with index {@code index} turned into a 503. */
  static List<Sample> failing(List<Sample> samples, int index) {
    var copy = new ArrayList<>(samples);
    Sample s = copy.get(index);
    copy.set(
        index,
        new Sample(
            s.index(),
            s.intendedStartNanos(),
            s.startNanos(),
            s.endNanos(),
            503,
            80,
            null,
            null,
            null));
    return copy;
  }

  /** The talk's scenario (90 requests, 10 clients, 100 ms) for the given variants. */
  static BenchConfig talk(Variant... variants) {
    return BenchConfig.builder().variants(variants).build();
  }

  /** One variant's latencies as a closed loop of 10, written as a bench report. */
  static Path write(Path file, Variant variant, double[] latenciesMs) throws IOException {
    return write(file, talk(variant), Map.of(variant, closedLoop(latenciesMs, 10)));
  }

  /** A bench report of these runs (in the map's order), with a fixed provenance. */
  static Path write(Path file, BenchConfig config, Map<Variant, List<Sample>> runs)
      throws IOException {
    var results = new ArrayList<RunResult>();
    runs.forEach((variant, samples) -> results.add(run(config, variant, samples, null, 1)));
    return write(file, config, results);
  }

  /** A bench report of these runs, with a fixed provenance. */
  static Path write(Path file, BenchConfig config, List<RunResult> runs) throws IOException {
    ReportWriter.writeJson(new BenchReport(provenance(), config, runs, List.of()), file);
    return file;
  }

  static Provenance provenance() {
    return new Provenance(
        "abc1234",
        "2026-11-25T10:00:00+01:00",
        "0.1.0-SNAPSHOT",
        "25.0.1+8-LTS (test)",
        "25.0.1+8-LTS (test)",
        List.of(),
        2,
        "Linux 6.1 (amd64)",
        "embedded (zonky)",
        "embedded (ours)");
  }

  /**
   * One run of {@code variant}, every photo billed.
   *
   * @param point the scenario point it measured, {@code null} for the config's only one
   * @param repetition 1 for the first run, 2 for the next with {@code --repeat}
   */
  static RunResult run(
      BenchConfig config,
      Variant variant,
      List<Sample> samples,
      ScenarioPoint point,
      int repetition) {
    var billed = new HashMap<String, Long>();
    samples.stream().filter(Sample::ok).forEach(s -> billed.merge(s.filename(), 1L, Long::sum));
    Theory theory =
        Theory.closedLoop(
            variant.composition(),
            config.upstreamLatency(),
            config.dbLatency(),
            config.concurrency(),
            LIMITS);
    return RunResult.of(
        variant,
        LIMITS,
        samples,
        theory,
        BillingCheck.of(billed, samples),
        point,
        repetition,
        null);
  }
}
