package dev.caas.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caas.contract.Limits;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.GeneratorCeiling;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.bench.RepeatSummary;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.cost.RunCosts;
import dev.caas.harness.faults.FaultPhases;
import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.GeneratorCheck;
import dev.caas.harness.load.OpenLoop;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.load.Workload;
import dev.caas.harness.queueing.Asymptote;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.ProbedMachine;
import dev.caas.harness.queueing.UniversalScalabilityLaw;
import dev.caas.harness.stats.ErrorSummary;
import dev.caas.harness.stats.LatencyStats;
import dev.caas.harness.theory.QueueingTheory;
import dev.caas.harness.theory.Theory;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.HealthWait;
import dev.caas.harness.variant.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The report as JSON for programs (compare, charts): one method per JSON object, the only place the
 * format is written. It keeps every sample of every run ({@code runs[].samples}, as column names
 * and rows), so later work can bootstrap a confidence interval or draw one request's Server-Timing
 * waterfall without running the bench again.
 */
public final class ReportJson {
  /**
   * The columns of {@code runs[].samples.rows}; times in milliseconds from the start of the run.
   */
  public static final List<String> SAMPLE_COLUMNS =
      List.of(
          "start_ms",
          "intended_start_ms",
          "latency_ms",
          "service_ms",
          "status",
          "bytes",
          "filename",
          "server_timing",
          "error",
          "step");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /**
   * The report as a JSON tree; see the design's "Commands and machine-readable results" for the
   * fields.
   */
  public static ObjectNode json(BenchReport report) {
    ObjectNode root = JSON.createObjectNode();
    Provenance p = report.provenance();
    ObjectNode provenance = root.putObject("provenance");
    provenance.put("commit", p.commit());
    provenance.put("date", p.date());
    provenance.put("harness_version", p.harnessVersion());
    provenance.put("jdk", p.harnessJdk());
    provenance.put("variant_jdk", p.variantJdk());
    p.variantJvmArgs().forEach(provenance.putArray("jvm_flags")::add);
    provenance.put("cores", p.cores());
    provenance.put("os", p.os());
    ObjectNode backends = provenance.putObject("backends");
    backends.put("postgres", p.postgres());
    backends.put("toxiproxy", p.toxiproxy());

    BenchConfig c = report.config();
    ObjectNode scenario = root.putObject("scenario");
    scenario.put("workload", c.workload() instanceof OpenLoop ? "open" : "closed");
    scenario.put("description", c.workload().describe());
    scenario.put("requests", c.requests());
    scenario.put("concurrency", c.concurrency());
    scenario.put("rate_rps", c.ratePerSecond());
    ClosedLoop warmup = c.warmupWorkload();
    scenario.put("warmup", warmup == null ? 0 : warmup.requests());
    ObjectNode latency = scenario.putObject("latency_ms");
    latency.put("upstream", c.upstreamLatency().toMillis());
    latency.put("postgres", c.dbLatency().toMillis());
    scenario.put("jitter_ms", Math.max(c.upstreamJitter().toMillis(), c.dbJitter().toMillis()));
    ObjectNode jitter = scenario.putObject("jitter_per_proxy_ms");
    jitter.put("upstream", c.upstreamJitter().toMillis());
    jitter.put("postgres", c.dbJitter().toMillis());
    scenario.put("request_timeout_ms", c.requestTimeout().toMillis());
    ObjectNode options = scenario.putObject("variant_options");
    options.put("db_pool", c.dbPool());
    options.put("server_threads", c.serverThreads());
    options.put("queue", c.queue());
    options.put("deadline_ms", c.deadline() == null ? null : c.deadline().toMillis());
    scenario.put("name", c.scenario().wireName());
    scenario.put("flavour", c.scenario() instanceof Scenario.Talk ? null : c.flavour().wireName());
    scenario.put("repeat", c.repeat());
    ArrayNode points = scenario.putArray("points");
    c.points().forEach(point -> points.add(point(point)));

    ArrayNode runs = root.putArray("runs");
    boolean several = ReportModel.severalPoints(report);
    report
        .runs()
        .forEach(
            run ->
                runs.add(
                    run(
                        run,
                        report.pointOf(run),
                        PointSummary.model(report, run),
                        several,
                        c.repeat() > 1)));
    if (c.repeat() > 1 && !report.runs().isEmpty()) {
      root.set("repeat_summary", repeatSummary(RepeatSummary.of(report.runs())));
    }
    ObjectNode generator = root.putObject("generator");
    generator.put("description", GeneratorCeiling.describe(report.calibration()));
    generator.set("calibration", report.calibration().map(Calibration::toJson).orElse(null));
    report.generatorFlags().forEach(generator.putArray("flags")::add);
    ArrayNode notRun = root.putArray("not_run");
    for (NotRun n : report.notRun()) {
      ObjectNode entry = notRun.addObject();
      entry.put("variant", n.variant().wireName());
      entry.put("skipped", n.skipped());
      entry.put("reason", n.reason());
      entry.put("hint", n.hint());
    }
    List<TheoryFit> fits = TheoryFit.of(report);
    if (!fits.isEmpty()) {
      root.set("theory_fit", theoryFit(fits));
    }
    if (!report.faultRuns().isEmpty()) {
      root.set("faults", faults(report));
    }
    var waiting = CostSummary.waitingCosts(report);
    if (!waiting.isEmpty()) {
      ArrayNode costs = root.putArray("waiting_request_cost");
      waiting.forEach(cost -> costs.add(JSON.valueToTree(cost.toJsonFields())));
    }
    report.failures().forEach(root.putArray("failures")::add);
    root.put("passed", report.passed());
    return root;
  }

  /**
   * A run's costs: the window's fields as {@link RunCosts#toJsonFields()} names them, and the
   * summary figures by the names the design uses ({@code cpu_ms_per_request} per process, the
   * variant's heap after GC, RSS, NMT, threads, GC, allocation and JIT).
   */
  private static ObjectNode costsJson(RunCosts costs) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode cpu = node.putObject("cpu_ms_per_request");
    costs
        .window()
        .processes()
        .forEach(p -> number(cpu, p.role(), p.cpuMillisPerRequest(costs.requests())));
    number(cpu, "whole_machine", costs.window().cpuMillisPerRequest(costs.requests()));
    costs
        .window()
        .variantJvm()
        .ifPresent(
            jvm -> {
              ObjectNode variant = node.putObject("variant");
              variant.put("heap_after_gc_bytes", jvm.end().heapAfterGcBytes());
              variant.put("rss_bytes", jvm.end().residentBytes());
              jvm.end()
                  .nativeMemory()
                  .ifPresent(nmt -> variant.put("nmt_committed_bytes", nmt.committedBytes()));
              variant.put("platform_threads", jvm.end().platformThreads());
              variant.put("platform_threads_peak", jvm.peakPlatformThreads());
              variant.put("virtual_threads", jvm.end().threads().virtualThreads());
              variant.put("gc_count", jvm.gcPauses());
              variant.put("gc_total_ms", jvm.gcPauseTotalMillis());
              variant.put("gc_max_ms", jvm.gcPauseMaxMillis());
              number(
                  variant,
                  "allocated_bytes_per_request",
                  jvm.allocatedBytesPerRequest(costs.requests()));
              variant.put("jit_ms_in_window", jvm.jitMillis());
            });
    costs
        .plateau()
        .ifPresent(
            p -> {
              ObjectNode plateau = node.putObject("plateau");
              plateau.put("requests_in_flight", p.requestsInFlight());
              plateau.put("heap_after_gc_bytes", p.sample().heapAfterGcBytes());
              plateau.put("rss_bytes", p.sample().residentBytes());
              plateau.put("platform_threads", p.sample().platformThreads());
              plateau.put("virtual_threads", p.sample().threads().virtualThreads());
            });
    node.set("detail", JSON.valueToTree(costs.toJsonFields()));
    return node;
  }

  /**
   * The fault matrix: how the cells were run, then one object per cell with its verdict and its
   * samples.
   */
  private static ObjectNode faults(BenchReport report) {
    BenchConfig c = report.config();
    FaultPhases load = c.faultLoad();
    ObjectNode node = JSON.createObjectNode();
    node.put("deadline_ms", c.deadline().toMillis());
    node.put("tolerance_ms", FaultRun.TOLERANCE.toMillis());
    node.put("clients", load.clients());
    node.put("duration_ms", load.duration().toMillis());
    node.put("inject_at_ms", load.phase().toMillis());
    node.put("heal_at_ms", load.phase().multipliedBy(2).toMillis());
    node.put("idle_timeout_ms", HealthWait.TIMEOUT.toMillis());
    ArrayNode catalogue = node.putArray("catalogue");
    for (var fault : c.faults()) {
      ObjectNode entry = catalogue.addObject();
      entry.put("name", fault.wireName());
      entry.put("description", fault.description());
      fault.expectedStatuses().stream().sorted().forEach(entry.putArray("expected_statuses")::add);
      ArrayNode steps = entry.putArray("expected_steps");
      fault.expectedSteps().stream().sorted().forEach(step -> steps.add(step.wireName()));
    }
    ArrayNode cells = node.putArray("cells");
    for (FaultRun run : report.faultRuns()) {
      ObjectNode cell = cells.addObject();
      cell.put("fault", run.fault().wireName());
      cell.put("variant", run.variant().wireName());
      cell.put("passed", run.passed());
      ArrayNode problems = cell.putArray("problems");
      run.problems()
          .forEach(p -> problems.addObject().put("tag", p.tag()).put("reason", p.sentence()));
      cell.put("requests", run.requests());
      cell.put("errors", run.errors().size());
      ObjectNode kinds = cell.putObject("error_kinds");
      run.errorKinds().forEach(kinds::put);
      ObjectNode phases = cell.putObject("phases");
      run.phases()
          .forEach(
              (phase, counts) ->
                  phases
                      .putObject(phase.wireName())
                      .put("requests", counts[0])
                      .put("errors", counts[1]));
      ObjectNode timeToFail = cell.putObject("time_to_fail_ms");
      number(timeToFail, "median", run.timeToFailMedianMs());
      number(timeToFail, "max", run.timeToFailMaxMs());
      number(timeToFail, "limit", run.timeToFailLimitMs());
      number(cell, "injected_at_ms", run.injectedNanos() / 1e6);
      number(cell, "healed_at_ms", run.healedNanos() / 1e6);
      cell.set("idle_after", settled(run.idle()));
      Sample after = run.afterRecovery();
      ObjectNode recovery = cell.putObject("after_recovery");
      recovery.put("status", after == null ? 0 : after.status());
      recovery.put("step", after == null ? null : after.step());
      number(recovery, "latency_ms", after == null ? Double.NaN : after.latencyNanos() / 1e6);
      cell.set("billing", billing(run.billing()));
      cell.set("limits", limitsJson(run.limits()));
      cell.set("samples", samples(run.samples()));
    }
    return node;
  }

  /** The limits a variant reported on {@code /health}, as a run and a fault cell carry them. */
  private static ObjectNode limitsJson(Limits limits) {
    ObjectNode node = JSON.createObjectNode();
    node.put("server_threads", limits.serverThreads());
    node.put("db_pool", limits.dbPool());
    node.put("http_connections", limits.httpConnections());
    node.put("executor_threads", limits.executorThreads());
    return node;
  }

  private static ObjectNode settled(HealthWait settled) {
    ObjectNode node = JSON.createObjectNode();
    node.put("outcome", settled.outcome().name().toLowerCase(Locale.ROOT));
    node.put("after_ms", settled.millis());
    node.put("description", settled.describe());
    if (settled.last() != null) {
      var load = settled.last();
      node.putObject("last_load")
          .put("in_flight", load.inFlight())
          .put("db_active", load.dbActive())
          .put("db_idle", load.dbIdle())
          .put("db_waiting", load.dbWaiting())
          .put("compensations_pending", load.compensationsPending());
    }
    return node;
  }

  private static ObjectNode billing(BillingCheck b) {
    ObjectNode billing = JSON.createObjectNode();
    billing.put("billed", b.billed());
    billing.put("served", b.served());
    billing.put("balanced", b.balanced());
    billing.put("difference", b.difference());
    ObjectNode mismatches = billing.putObject("mismatches");
    b.mismatches()
        .forEach(
            (file, m) ->
                mismatches.putObject(file).put("billed", m.billed()).put("served", m.served()));
    billing.set("compensations", settled(b.compensations()));
    return billing;
  }

  private static ObjectNode samples(List<Sample> list) {
    ObjectNode samples = JSON.createObjectNode();
    SAMPLE_COLUMNS.forEach(samples.putArray("columns")::add);
    ArrayNode rows = samples.putArray("rows");
    for (Sample s : list) {
      ArrayNode row = rows.addArray();
      row.add(nanosToMillis(s.startNanos()));
      row.add(nanosToMillis(s.intendedStartNanos()));
      row.add(nanosToMillis(s.latencyNanos()));
      row.add(nanosToMillis(s.serviceNanos()));
      row.add(s.status());
      row.add(s.bytes());
      row.add(s.filename());
      row.add(s.serverTiming());
      row.add(s.error());
      row.add(s.step());
    }
    return samples;
  }

  private static ObjectNode point(ScenarioPoint point) {
    ObjectNode node = JSON.createObjectNode();
    node.put("index", point.index());
    node.put("workload", point.workload() instanceof OpenLoop ? "open" : "closed");
    node.put("concurrency", point.concurrency());
    node.put("rate_rps", point.ratePerSecond());
    node.put("requests", point.workload().requests());
    Workload workload = point.workload();
    if (workload.rampUp().isPositive()) {
      // The clients started one by one over this long; their first requests were not measured.
      number(node, "ramp_up_ms", millis(workload.rampUp()));
      node.put("ramp_requests", workload.totalRequests() - workload.requests());
    }
    ObjectNode latency = node.putObject("latency_ms");
    number(latency, "upstream", millis(point.latency().upstream()));
    number(latency, "postgres", millis(point.latency().postgres()));
    ObjectNode jitter = node.putObject("jitter_ms");
    number(jitter, "upstream", millis(point.latency().upstreamJitter()));
    number(jitter, "postgres", millis(point.latency().postgresJitter()));
    return node;
  }

  private static ObjectNode repeatSummary(RepeatSummary summary) {
    ObjectNode node = JSON.createObjectNode();
    node.put("confidence", RepeatSummary.CONFIDENCE);
    node.put("method", "two-level bootstrap: runs, then requests within each run");
    ArrayNode groups = node.putArray("groups");
    for (RepeatSummary.Group g : summary.groups()) {
      ObjectNode group = groups.addObject();
      group.put("variant", g.variant().wireName());
      group.put("point", g.pointIndex());
      ArrayNode medians = group.putArray("run_medians_ms");
      g.runMedians().forEach(m -> medians.add(Math.round(m * 1000) / 1000.0));
      number(group, "median_of_medians_ms", g.medianOfMediansMs());
      number(group, "ci_low_ms", g.lowMs());
      number(group, "ci_high_ms", g.highMs());
    }
    ArrayNode differences = node.putArray("differences");
    for (RepeatSummary.Difference d : summary.differences()) {
      ObjectNode difference = differences.addObject();
      difference.put("point", d.pointIndex());
      difference.put("slower", d.slower().wireName());
      difference.put("faster", d.faster().wireName());
      number(difference, "ratio", d.ratio());
      number(difference, "ci_low", d.low());
      number(difference, "ci_high", d.high());
      difference.put("within_noise", d.withinNoise());
    }
    return node;
  }

  private static ObjectNode run(
      RunResult run,
      ScenarioPoint point,
      QueueingTheory model,
      boolean severalPoints,
      boolean severalRuns) {
    ObjectNode node = JSON.createObjectNode();
    node.put("variant", run.variant().wireName());
    node.put("repetition", run.repetition());
    node.set("point", point(point));
    node.put("hlog", IntervalLog.fileName(run, severalPoints, severalRuns));
    node.put("talk_label", run.variant().talkLabel());
    node.put("passed", run.passed());
    node.put("requests", run.requests());
    node.put("ok", run.ok());
    node.put("errors", run.errors());
    ObjectNode errorKinds = node.putObject("error_kinds");
    run.errorKinds().forEach(errorKinds::put);
    latency(node.putObject("latency_ms"), run.latency());
    number(node, "duration_s", run.durationSeconds());
    number(node, "throughput_rps", run.throughputRps());
    Theory t = run.theory();
    ObjectNode theory = node.putObject("theory");
    number(theory, "service_time_ms", t.serviceTimeMs());
    number(theory, "median_ms", t.medianMs());
    number(theory, "throughput_rps", t.throughputRps());
    theory.put("bottleneck", t.bottleneck());
    ArrayNode bounds = theory.putArray("bounds");
    for (Theory.Bound b : t.bounds()) {
      ObjectNode bound = bounds.addObject();
      bound.put("resource", b.resource());
      number(bound, "rps", b.rps());
      bound.put("formula", b.formula());
    }
    theory.put("overloaded", t.overloaded());
    theory.set("mva", model.applies() ? mva(model, run) : null);
    number(node, "median_over_theory", run.medianOverTheory());
    number(node, "throughput_over_theory", run.throughputOverTheory());
    latency(node.putObject("latency_uncorrected_ms"), run.uncorrected());
    GeneratorCheck g = run.generator();
    ObjectNode generator = node.putObject("generator");
    number(generator, "intended_rps", g.intendedRps());
    number(generator, "achieved_rps", g.achievedRps());
    generator.put("kept_up", g.keptUp());
    number(generator, "send_lag_p50_ms", g.sendLagP50Ms());
    number(generator, "send_lag_p99_ms", g.sendLagP99Ms());
    Waterfall.of(run)
        .ifPresent(
            w -> {
              ObjectNode waterfall = node.putObject("waterfall");
              number(waterfall, "client_ms", w.clientMs());
              number(waterfall, "total_ms", w.totalMs());
              ArrayNode steps = waterfall.putArray("steps");
              w.steps()
                  .forEach(
                      step -> {
                        ObjectNode entry = steps.addObject();
                        entry.put("name", step.name());
                        number(entry, "start_ms", step.startMs());
                        number(entry, "dur_ms", step.durationMs());
                      });
            });
    node.set("limits", limitsJson(run.limits()));
    ObjectNode steps = node.putObject("step_medians_ms");
    run.stepMediansMs().forEach((step, median) -> number(steps, step, median));
    node.set("billing", billing(run.billing()));
    ArrayNode errorsByKind = node.putArray("errors_by_kind");
    for (ErrorSummary e : ErrorSummary.of(run.samples())) {
      ObjectNode kind = errorsByKind.addObject();
      kind.put("kind", e.kind());
      kind.put("count", e.count());
      number(kind, "time_to_fail_median_ms", e.medianMs());
      number(kind, "time_to_fail_max_ms", e.maxMs());
    }
    run.costs().ifPresent(costs -> node.set("costs", costsJson(costs)));
    node.set("samples", samples(run.samples()));
    return node;
  }

  /** Writes {@link #json(BenchReport)} to {@code file}, creating its folder. */
  public static void write(BenchReport report, Path file) throws IOException {
    ReportFiles.createParent(file);
    JSON.writeValue(file.toFile(), json(report));
  }

  /** The latency statistics of one run, corrected or not, under the same field names. */
  private static void latency(ObjectNode target, LatencyStats stats) {
    number(target, "median", stats.medianMs());
    number(target, "mean", stats.meanMs());
    number(target, "stddev", stats.stddevMs());
    number(target, "p90", stats.p90Ms());
    number(target, "p99", stats.p99Ms());
    number(target, "max", stats.maxMs());
    number(target, "min", stats.minMs());
  }

  /**
   * The queueing model's prediction for one run, with the measured figures over it: what the MVA
   * curve says at this point, which centre is closest to its ceiling, and what the CPU demand was.
   */
  private static ObjectNode mva(QueueingTheory model, RunResult run) {
    ObjectNode node = JSON.createObjectNode();
    number(node, "throughput_rps", model.throughputRps());
    number(node, "median_ms", model.medianMs());
    number(node, "mean_ms", model.meanMs());
    number(node, "p99_ms", model.p99Ms());
    node.put("bottleneck", model.bottleneck());
    number(node, "utilisation", model.utilisation());
    ObjectNode cpu = node.putObject("cpu_demand");
    number(cpu, "ms_per_request", model.cpu().millis());
    number(cpu, "background_cores", model.cpu().backgroundCores());
    number(cpu, "jit_cores", model.cpu().jitCores());
    cpu.put("source", model.cpu().source());
    node.put("cores", model.network().cores());
    if (model.network().machine() != null) {
      ObjectNode machine = node.putObject("machine");
      machine.put("description", model.network().machine().describe());
      ArrayNode probes = machine.putArray("probes");
      for (ProbedMachine.Point point : model.network().machine().points()) {
        ObjectNode probe = probes.addObject();
        probe.put("clients", point.clients());
        number(probe, "throughput_rps", point.throughputPerSecond());
      }
    }
    ArrayNode centres = node.putArray("centres");
    for (Prediction.Usage usage : model.prediction().centres()) {
      ObjectNode centre = centres.addObject();
      centre.put("centre", usage.centre());
      number(centre, "utilisation", usage.utilisation());
      number(centre, "wait_ms", usage.waitSeconds() * 1000);
    }
    ArrayNode asymptotes = node.putArray("asymptotes");
    for (Asymptote a : model.prediction().asymptotes()) {
      ObjectNode asymptote = asymptotes.addObject();
      asymptote.put("resource", a.resource());
      number(asymptote, "rps", a.throughputPerSecond());
      asymptote.put("formula", a.formula());
    }
    number(node, "median_over_mva", run.latency().medianMs() / model.medianMs());
    number(node, "throughput_over_mva", run.throughputRps() / model.throughputRps());
    return node;
  }

  /**
   * Per variant of a sweep: the points within ±10 % of the model, the points missed with what the
   * model says bound them and the runs' spread, and the fitted USL.
   */
  private static ObjectNode theoryFit(List<TheoryFit> fits) {
    ObjectNode node = JSON.createObjectNode();
    number(node, "tolerance", TheoryFit.TOLERANCE);
    ArrayNode variants = node.putArray("variants");
    for (TheoryFit fit : fits) {
      ObjectNode entry = variants.addObject();
      entry.put("variant", fit.variant().wireName());
      entry.put("points", fit.points());
      entry.put("median_within", fit.medianWithin());
      entry.put("throughput_within", fit.throughputWithin());
      entry.put("both_within", fit.bothWithin());
      ArrayNode misses = entry.putArray("misses");
      for (PointSummary miss : fit.misses()) {
        ObjectNode missed = misses.addObject();
        missed.put("point", miss.point().index() + 1);
        missed.put("concurrency", miss.point().concurrency());
        number(missed, "median_over_mva", miss.medianOverModel());
        number(missed, "throughput_over_mva", miss.throughputOverModel());
        missed.put("bottleneck", miss.model().bottleneck());
        number(missed, "utilisation", miss.model().utilisation());
        number(missed, "throughput_spread_cv", miss.throughputSpread());
      }
      entry.set("usl", fit.usl().map(ReportJson::usl).orElse(null));
    }
    return node;
  }

  private static ObjectNode usl(UniversalScalabilityLaw law) {
    ObjectNode node = JSON.createObjectNode();
    estimate(node.putObject("lambda_rps"), law.lambda());
    estimate(node.putObject("sigma"), law.sigma());
    estimate(node.putObject("kappa"), law.kappa());
    number(node, "confidence", UniversalScalabilityLaw.CONFIDENCE);
    number(node, "peak_concurrency", law.peakConcurrency());
    number(node, "residual_rps", law.residualStandardError());
    return node;
  }

  private static void estimate(ObjectNode node, UniversalScalabilityLaw.Estimate e) {
    node.put("value", e.value());
    node.put("low", e.low());
    node.put("high", e.high());
  }

  /**
   * Three decimals (a microsecond); {@code null} for a value that does not exist (NaN, infinity).
   */
  private static void number(ObjectNode node, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, Math.round(value * 1000) / 1000.0);
    }
  }

  private static double nanosToMillis(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
