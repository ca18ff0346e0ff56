package dev.caas.harness.report;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.GeneratorCeiling;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.faults.FaultMatrix;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.text.Millis;
import dev.caas.harness.theory.QueueingTheory;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.Provenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report's sections, built once from a {@link BenchReport} and then walked by each renderer
 * ({@link TextReport} for the console, {@link MarkdownReport} for files and pull requests; the HTML
 * page reads the same facts, notes and sections), so that every format says the same words.
 *
 * @param title the report's heading
 * @param provenance where it was made and what it measured, as label and value
 * @param blocks what follows, in order
 */
record ReportModel(String title, Map<String, String> provenance, List<Block> blocks) {

  static final String FAULT_MATRIX_TITLE = "Fault matrix (faults × variants)";
  static final String FAULT_CELLS_TITLE = "Cells";
  static final String FAULT_CELLS_NOTE =
      "Time to fail: from sending to the error answer. Failed before/during/after: "
          + "errors among the requests answered before the fault, in flight while it lasted, sent after it was healed.";

  static final String THEORY =
      "T = L_u + 2·L_d (sequential) or L_u + L_d (gathered); throughput X = the"
          + " smallest bound; median R = C / X (closed loop) or T below capacity (open loop)."
          + " Model: each variant as a queueing network solved by Mean Value Analysis (latencies"
          + " as delays, pools as multi-server stations, and the machine: the variant probed with"
          + " no latency at 1, 2, 4, … clients from 100 clients on, else the CPU per request on the"
          + " cores), a curve between those bounds; its p99 is an upper estimate.";

  /** One part of a report; each renderer has one case per kind. */
  sealed interface Block {}

  /** The talk's table, or a sweep's table with a row per variant and point. */
  record Results(ResultTable table) implements Block {}

  /** The theory's formulas, then per variant its prediction, bounds, limits and steps. */
  record TheoryNotes(String formulas, List<List<String>> notes) implements Block {}

  /** A part that appears only when it has something to say (see {@link ReportSections}). */
  record Section(String title, List<String> lines) implements Block {}

  /** The median request's Server-Timing as bars; empty when no run has any. Closes the results. */
  record Waterfalls(List<String> lines) implements Block {}

  /** The fault matrix: overview, then one row per cell. */
  record Faults(FaultMatrix matrix) implements Block {}

  /** Why the bench failed, one line per reason. */
  record Failed(List<String> lines) implements Block {}

  /** The variants that were skipped or did not start. */
  record NotStarted(List<NotRun> variants) implements Block {}

  /** A table that can be drawn as aligned text or as Markdown. */
  interface ResultTable {
    String toText();

    String toMarkdown();
  }

  static ReportModel of(BenchReport report) {
    var blocks = new ArrayList<Block>();
    if (!report.runs().isEmpty()) {
      blocks.add(
          new Results(severalPoints(report) ? SweepTable.of(report) : TalkTable.of(report.runs())));
      blocks.add(new TheoryNotes(THEORY, notes(report)));
      blocks.addAll(ReportSections.of(report));
      blocks.add(new Waterfalls(ReportSections.textWaterfalls(report)));
    }
    if (!report.faultRuns().isEmpty()) {
      blocks.add(new Faults(FaultMatrix.of(report.faultRuns())));
    }
    if (!report.failures().isEmpty()) {
      blocks.add(new Failed(report.failures()));
    }
    if (!report.notRun().isEmpty()) {
      blocks.add(new NotStarted(report.notRun()));
    }
    return new ReportModel("caas bench", facts(report), blocks);
  }

  static boolean severalPoints(BenchReport report) {
    return report.points().size() > 1;
  }

  /** Provenance, then the scenario, as label and value. */
  static Map<String, String> facts(BenchReport report) {
    Provenance p = report.provenance();
    BenchConfig c = report.config();
    var facts = new LinkedHashMap<String, String>();
    facts.put("date", p.date());
    facts.put("commit", p.commit());
    facts.put("variants", Variant.names(c.variants()));
    facts.put("backends", "PostgreSQL " + p.postgres() + "; Toxiproxy " + p.toxiproxy());
    facts.put("harness JDK", p.harnessJdk());
    facts.put("variant JDK", p.variantJdk());
    facts.put(
        "variant JVM flags",
        p.variantJvmArgs().isEmpty() ? "(none)" : String.join(" ", p.variantJvmArgs()));
    facts.put("cores", Integer.toString(p.cores()));
    facts.put("os", p.os());
    facts.put("scenario", scenario(c));
    facts.put("workload", workload(c));
    ClosedLoop warmup = c.warmupWorkload();
    facts.put(
        "warm-up",
        warmup == null
            ? "none"
            : warmup.requests()
                + " requests from "
                + warmup.clients()
                + " clients at no latency, not counted");
    facts.put("latency", latency(c));
    facts.put("variant options", variantOptions(c));
    Duration deadline = c.deadline();
    facts.put(
        "deadline",
        deadline == null
            ? "the variants' default (60 s)"
            : Millis.format(deadline.toMillis())
                + (c.scenario() instanceof Scenario.Faults
                    ? "; an error may take up to "
                        + Millis.format(deadline.plus(FaultRun.TOLERANCE).toMillis())
                    : ""));
    facts.put(
        "repeat",
        c.repeat() == 1
            ? "1 run per variant"
            : c.repeat() + " runs per variant, interleaved (v1 v2 … v1 v2 …), each a fresh JVM");
    facts.put("generator", GeneratorCeiling.describe(report.calibration()));
    return facts;
  }

  private static String scenario(BenchConfig c) {
    return switch (c.scenario()) {
      case Scenario.Talk talk -> "talk";
      case Scenario.Overload overload ->
          "overload (one burst: every client sends at once, far more requests than the pools hold)";
      case Scenario.Faults faults ->
          "faults: "
              + faults.faults().stream()
                  .map(dev.caas.testbed.Fault::wireName)
                  .collect(Collectors.joining(", "))
              + " ("
              + faults.faults().size()
              + " × "
              + c.variants().size()
              + " variants, a fresh JVM per cell)";
      case Scenario.LatencySweep sweep -> sweep(c);
      case Scenario.ConcurrencySweep sweep -> sweep(c);
      case Scenario.Scale scale -> sweep(c) + "; " + scale.latencyArithmetic();
    };
  }

  private static String sweep(BenchConfig c) {
    return c.scenario().wireName()
        + " ("
        + c.flavour().wireName()
        + "), "
        + c.points().size()
        + " points";
  }

  private static String workload(BenchConfig c) {
    return switch (c.scenario()) {
      case Scenario.Talk talk -> requestsPerVariant(c, "");
      case Scenario.Overload overload -> requestsPerVariant(c, "");
      case Scenario.LatencySweep sweep -> requestsPerVariant(c, " and point");
      case Scenario.Faults faults ->
          c.faultLoad().describe()
              + "; then one request once the pools are idle; requests per cell "
              + "in the table";
      case Scenario.ConcurrencySweep sweep ->
          "closed loop, C = "
              + sweep.clients().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " clients; max("
              + c.requests()
              + ", "
              + sweep.requestsPerClient()
              + " × C) requests per point";
      case Scenario.Scale scale ->
          "closed loop, C = "
              + scale.inFlight().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " requests in flight, "
              + Scenario.Scale.REQUESTS_PER_CLIENT
              + " requests per client";
    };
  }

  private static String requestsPerVariant(BenchConfig c, String andPoint) {
    return c.workload().describe() + ", " + c.requests() + " requests per variant" + andPoint;
  }

  private static String latency(BenchConfig c) {
    return c.scenario() instanceof Scenario.LatencySweep sweep
        ? "L = "
            + sweep.latencies().stream()
                .map(l -> Millis.format(InjectedLatency.millis(l)))
                .collect(Collectors.joining(", "))
            + (sweep.flavour() == Scenario.Flavour.BOTH
                ? " on both proxies"
                : " on the upstream only, postgres 0 ms")
        : c.points().getFirst().latency().describe();
  }

  private static String variantOptions(BenchConfig c) {
    var options = new ArrayList<String>();
    if (c.dbPool() != null) {
      options.add("--db-pool " + c.dbPool());
    }
    if (c.serverThreads() != null) {
      options.add("--server-threads " + c.serverThreads());
    }
    if (c.queue() != null) {
      options.add("--queue " + c.queue());
    }
    if (c.deadline() != null) {
      options.add("--deadline " + c.deadline().toMillis() + "ms");
    }
    return options.isEmpty() ? "defaults (limits per run below)" : String.join(" ", options);
  }

  /**
   * Per variant at the scenario's last point (its first run): the prediction and its bottleneck
   * (first line), then the other bounds, the limits, the steps. One point's notes suffice: the
   * limits do not change, and the sweep table names each point's bottleneck.
   */
  static List<List<String>> notes(BenchReport report) {
    var notes = new ArrayList<List<String>>();
    int lastPoint = report.points().getLast().index();
    for (RunResult run : report.runs()) {
      if (run.repetition() != 1 || report.pointOf(run).index() != lastPoint) {
        continue;
      }
      Theory theory = run.theory();
      var lines = new ArrayList<String>();
      if (!theory.applies()) {
        lines.add(run.variant().wireName() + ": no latency injected, nothing to predict");
      } else {
        lines.add(
            run.variant().wireName()
                + (severalPoints(report) ? " at " + report.pointOf(run).describe() : "")
                + ": T = "
                + Millis.format(theory.serviceTimeMs())
                + ", limited by "
                + bound(theory.bounds().getFirst())
                + (theory.overloaded()
                    ? " (overloaded: the queue grows for as long as the run lasts)"
                    : ""));
        if (theory.bounds().size() > 1) {
          lines.add(
              "other bounds: "
                  + theory.bounds().stream()
                      .skip(1)
                      .map(ReportModel::bound)
                      .collect(Collectors.joining(", ")));
        }
      }
      QueueingTheory model = PointSummary.model(report, run);
      if (model.applies()) {
        lines.add(model(model));
      }
      lines.add("limits: " + limits(run));
      lines.add("Server-Timing medians: " + steps(run.stepMediansMs()));
      notes.add(lines);
    }
    return notes;
  }

  /** {@code model: 84.2 rps, median 355 ms, p99 512 ms; database pool at U = 0.84; CPU …}. */
  private static String model(QueueingTheory model) {
    return String.format(
        Locale.ROOT,
        "queueing model: %.1f rps, median %s, p99 %s; %s at U = %.2f; %s",
        model.throughputRps(),
        Millis.format(model.medianMs()),
        Millis.format(model.p99Ms()),
        model.bottleneck(),
        model.utilisation(),
        model.describeMachine());
  }

  private static String bound(Theory.Bound bound) {
    return String.format(
        Locale.ROOT, "%s %.1f rps (%s)", bound.resource(), bound.rps(), bound.formula());
  }

  private static String limits(RunResult run) {
    Limits limits = run.limits();
    var parts = new ArrayList<String>();
    boolean eventLoops = run.variant().model() == Variant.Model.REACTIVE;
    parts.add(
        (eventLoops ? "event loops " : "server threads ")
            + orNone(limits.serverThreads())
            + (eventLoops && limits.serverThreads() != null
                ? " (not held while a request waits)"
                : ""));
    parts.add("db pool " + orNone(limits.dbPool()));
    parts.add("upstream connections " + orNone(limits.httpConnections()));
    parts.add("executor threads " + orNone(limits.executorThreads()));
    return String.join(", ", parts);
  }

  private static String orNone(Integer limit) {
    return limit == null ? "unbounded" : limit.toString();
  }

  private static String steps(Map<String, Double> medians) {
    if (medians.isEmpty()) {
      return "none";
    }
    return medians.entrySet().stream()
        .map(step -> step.getKey() + " " + Millis.format(step.getValue()))
        .collect(Collectors.joining(", "));
  }
}
