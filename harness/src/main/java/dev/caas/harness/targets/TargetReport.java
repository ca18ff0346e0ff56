package dev.caas.harness.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.text.AlignedTable;
import dev.caas.harness.text.Millis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets' rows: measured beside predicted, as text, Markdown and JSON. One row per target and
 * point; a target without limits on {@code /health} says "limits unknown" beside its latency-only
 * prediction.
 */
public final class TargetReport {
  private static final List<String> HEADERS =
      List.of(
          "target",
          "composition",
          "C",
          "latency",
          "requests",
          "errors",
          "median",
          "p99",
          "rps",
          "theory median",
          "theory rps",
          "limits",
          "billing");
  private static final List<String> WORDS =
      List.of("target", "composition", "latency", "limits", "billing");

  private TargetReport() {}

  public static String text(List<TargetRun> runs) {
    return AlignedTable.text(HEADERS, rows(runs), WORDS) + notes(runs);
  }

  public static String markdown(List<TargetRun> runs) {
    return AlignedTable.markdown(HEADERS, rows(runs), WORDS) + "\n" + notes(runs);
  }

  private static List<List<String>> rows(List<TargetRun> runs) {
    var rows = new ArrayList<List<String>>();
    for (TargetRun run : runs) {
      RunResult result = run.result();
      rows.add(
          List.of(
              run.target().label(),
              run.composition().wireName(),
              String.valueOf(result.point().concurrency()),
              // Both proxies, as the variants' report says it: a flavour with 0 ms on postgres
              // would otherwise read as L on both.
              result.point().latency().describe(),
              String.valueOf(result.requests()),
              String.valueOf(result.errors()),
              Millis.format(result.latency().medianMs()),
              Millis.format(result.latency().p99Ms()),
              String.format(Locale.ROOT, "%.1f", result.throughputRps()),
              Millis.format(result.theory().medianMs()),
              Double.isInfinite(result.theory().throughputRps())
                  ? "—"
                  : String.format(Locale.ROOT, "%.1f", result.theory().throughputRps()),
              run.limitsKnown() ? limits(result.limits()) : "limits unknown",
              result.billing().balanced()
                  ? "ok (" + result.billing().billed() + ")"
                  : "OFF by " + result.billing().difference()));
    }
    return rows;
  }

  /** {@code threads 32, pool 20}: the limits it reported, "none" when it reported all unbounded. */
  static String limits(dev.caas.contract.Limits limits) {
    var parts = new ArrayList<String>();
    if (limits.serverThreads() != null) {
      parts.add("threads " + limits.serverThreads());
    }
    if (limits.dbPool() != null) {
      parts.add("pool " + limits.dbPool());
    }
    if (limits.httpConnections() != null) {
      parts.add("upstream connections " + limits.httpConnections());
    }
    if (limits.executorThreads() != null) {
      parts.add("executor " + limits.executorThreads());
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String notes(List<TargetRun> runs) {
    var notes = new StringBuilder();
    if (runs.stream().anyMatch(run -> !run.limitsKnown())) {
      notes.append(
          "limits unknown: /health did not report them; the theory shows the latency-only"
              + " prediction (T and the clients), no pool bound.\n");
    }
    runs.stream()
        .filter(run -> !run.result().billing().balanced())
        .forEach(
            run ->
                notes.append(
                    run.target().label()
                        + ": billing "
                        + run.result().billing().describeMismatches()
                        + "\n"));
    return notes.toString();
  }

  /** Every row's figures (not every sample), with the theory's bounds. */
  public static void writeJson(List<TargetRun> runs, Path file) throws IOException {
    var rows = new ArrayList<Map<String, Object>>();
    for (TargetRun run : runs) {
      RunResult result = run.result();
      var row = new LinkedHashMap<String, Object>();
      row.put("target", run.target().label());
      row.put("url", run.target().url().toString());
      row.put("composition", run.composition().wireName());
      row.put("limits", run.limitsKnown() ? result.limits() : "unknown");
      row.put("concurrency", result.point().concurrency());
      row.put("latency", result.point().latency().describe());
      row.put("workload", result.point().workload().describe());
      row.put("requests", result.requests());
      row.put("errors", result.errorKinds());
      row.put("latencyMs", result.latency());
      row.put("throughputRps", result.throughputRps());
      row.put("theory", result.theory());
      row.put("billed", result.billing().billed());
      row.put("served", result.billing().served());
      row.put("billingBalanced", result.billing().balanced());
      row.put("started", String.valueOf(result.started()));
      rows.add(row);
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    var json = new LinkedHashMap<String, Object>();
    json.put("targets", rows);
    Files.writeString(
        file,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
            + "\n");
  }
}
