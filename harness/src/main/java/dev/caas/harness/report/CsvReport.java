package dev.caas.harness.report;

import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.stats.LatencyStats;
import dev.caas.harness.theory.QueueingTheory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code results.csv}: one row per run with the scenario point, the figures, the theory and the
 * queueing model (its columns last, {@code mva_*}, so older readers find theirs where they were),
 * plain numbers in milliseconds and requests per second, for a spreadsheet or a plotting script.
 */
public final class CsvReport {
  public static final List<String> COLUMNS =
      List.of(
          "variant",
          "repetition",
          "point",
          "workload",
          "concurrency",
          "rate_rps",
          "upstream_latency_ms",
          "upstream_jitter_ms",
          "postgres_latency_ms",
          "postgres_jitter_ms",
          "requests",
          "ok",
          "errors",
          "median_ms",
          "mean_ms",
          "stddev_ms",
          "p90_ms",
          "p99_ms",
          "max_ms",
          "uncorrected_median_ms",
          "uncorrected_p99_ms",
          "throughput_rps",
          "theory_median_ms",
          "theory_throughput_rps",
          "bottleneck",
          "median_over_theory",
          "throughput_over_theory",
          "billed",
          "served",
          "commit",
          "date",
          "mva_median_ms",
          "mva_p99_ms",
          "mva_throughput_rps",
          "mva_bottleneck",
          "mva_utilisation",
          "cpu_demand_ms");

  private CsvReport() {}

  public static String of(BenchReport report) {
    var lines = new ArrayList<String>();
    lines.add(String.join(",", COLUMNS));
    for (RunResult run : report.runs()) {
      ScenarioPoint point = report.pointOf(run);
      InjectedLatency l = point.latency();
      LatencyStats s = run.latency();
      QueueingTheory model = PointSummary.model(report, run);
      var cells =
          List.of(
              run.variant().wireName(),
              Integer.toString(run.repetition()),
              Integer.toString(point.index() + 1),
              point.workload() instanceof OpenLoop ? "open" : "closed",
              Integer.toString(point.concurrency()),
              point.ratePerSecond() == null ? "" : number(point.ratePerSecond()),
              number(InjectedLatency.millis(l.upstream())),
              number(InjectedLatency.millis(l.upstreamJitter())),
              number(InjectedLatency.millis(l.postgres())),
              number(InjectedLatency.millis(l.postgresJitter())),
              Integer.toString(run.requests()),
              Integer.toString(run.ok()),
              Integer.toString(run.errors()),
              number(s.medianMs()),
              number(s.meanMs()),
              number(s.stddevMs()),
              number(s.p90Ms()),
              number(s.p99Ms()),
              number(s.maxMs()),
              number(run.uncorrected().medianMs()),
              number(run.uncorrected().p99Ms()),
              number(run.throughputRps()),
              number(run.theory().medianMs()),
              number(run.theory().throughputRps()),
              run.theory().bottleneck(),
              number(run.medianOverTheory()),
              number(run.throughputOverTheory()),
              Long.toString(run.billing().billed()),
              Long.toString(run.billing().served()),
              report.provenance().commit(),
              report.provenance().date(),
              number(model.medianMs()),
              number(model.p99Ms()),
              number(model.throughputRps()),
              model.bottleneck(),
              number(model.utilisation()),
              number(model.cpu().millis()));
      lines.add(cells.stream().map(CsvReport::quote).collect(Collectors.joining(",")));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "";
  }

  /** RFC 4180: a cell with a comma, quote or line break goes in quotes, its quotes doubled. */
  static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
