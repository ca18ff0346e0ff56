package dev.caas.harness;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.testbed.ProxyNames;
import dev.caas.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bench: for each variant, start its jar against the testbed, warm it up, inject the latency, send the
 * measured requests, reconcile the billing, stop it. The {@code caas bench} command is a thin layer over
 * this, and integration tests call it directly:
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchConfig.builder().variants(Variant.SYNC_GATHERED).requests(30).build());
 * assertThat(report.passed()).isTrue();
 * }</pre>
 *
 * <p>One testbed serves all variants, one after the other; each variant gets a fresh JVM, a clean billing
 * ledger and the same warm-up. Latency is injected only while measuring, so start-up and warm-up are quick
 * and pools are filled over a fast network, as the design asks.
 */
public final class Bench {
  private final BenchConfig config;
  private final VariantJars jars;
  private final Progress progress;

  /**
   * @param jars where the variants' jars are; see {@link VariantJars#locate}
   */
  public Bench(BenchConfig config, VariantJars jars, Progress progress) {
    this.config = config;
    this.jars = jars;
    this.progress = progress;
  }

  /** Runs {@code config} quietly, with its own testbed and jars found from the working directory. */
  public static BenchReport run(BenchConfig config) throws Exception {
    var jars = VariantJars.locate(config.jars(), System.getenv(), Path.of("").toAbsolutePath());
    return new Bench(config, jars, Progress.SILENT).run();
  }

  /**
   * Starts a testbed (only if some variant can run), runs every variant, stops the testbed.
   *
   * @return the report; {@link BenchReport#passed()} says whether anything failed
   */
  public BenchReport run() throws Exception {
    Plan plan = plan();
    if (plan.runnable().isEmpty()) {
      return new BenchReport(provenance("none (nothing ran)", "none (nothing ran)"), config, List.of(), plan.notRun());
    }
    progress.phase("testbed", "starting PostgreSQL, Toxiproxy and the dog upstream");
    try (Testbed testbed = Testbed.start(config.testbed())) {
      return measure(testbed, plan);
    }
  }

  /**
   * Runs every variant of the config against a testbed the caller started and will close. Its latency is
   * left at zero and its billing ledger is cleared before each run.
   */
  public BenchReport run(Testbed testbed) {
    return measure(testbed, plan());
  }

  /** The variants whose jars exist, and the others with what to do about them. */
  private record Plan(List<Variant> runnable, List<NotRun> notRun) {}

  private Plan plan() {
    var runnable = new ArrayList<Variant>();
    var notRun = new ArrayList<NotRun>();
    for (Variant variant : config.variants()) {
      Path jar = jars.jarFor(variant);
      if (Files.isRegularFile(jar)) {
        runnable.add(variant);
      } else {
        NotRun missing = missingJar(variant, jar);
        progress.warn((missing.skipped() ? "skipping " : "cannot run ") + variant.wireName() + ": "
            + missing.reason() + "; " + missing.hint());
        notRun.add(missing);
      }
    }
    return new Plan(runnable, notRun);
  }

  private BenchReport measure(Testbed testbed, Plan plan) {
    var provenance = provenance(testbed.backends().postgres(), testbed.backends().toxiproxy());
    var runs = new ArrayList<RunResult>();
    var notRun = new ArrayList<>(plan.notRun());
    for (Variant variant : plan.runnable()) {
      try {
        runs.add(runOne(testbed, variant));
      } catch (VariantProcess.StartFailedException e) {
        progress.warn(variant.wireName() + " FAILED: " + e.getMessage());
        notRun.add(new NotRun(variant, false, e.getMessage(), ""));
      } catch (Exception e) {
        progress.warn(variant.wireName() + " FAILED: " + e);
        notRun.add(new NotRun(variant, false, e.toString(), "see " + logFile(variant)));
      }
    }
    return new BenchReport(provenance, config, runs, notRun);
  }

  private RunResult runOne(Testbed testbed, Variant variant) throws Exception {
    String name = variant.wireName();
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    progress.phase(name, "starting " + jars.jarFor(variant).getFileName() + " (log: " + logFile(variant) + ")");
    try (var process = VariantProcess.start(launch(testbed, variant), logFile(variant))) {
      Limits limits = process.awaitReady(config.startupTimeout());
      Workload workload = config.workload();
      try (var client = new LoadClient(process.baseUrl(), workload.connections(), config.effectiveRequestTimeout())) {
        ClosedLoop warmup = config.warmupWorkload();
        if (warmup != null) {
          progress.phase(name, "warming up, " + warmup.requests() + " requests at no latency");
          warmup.run(client, DogPaths.ROOT, done -> { });
        }
        testbed.clearBilling();
        progress.phase(name, "measuring, " + workload.describe() + ", " + latencyDescription());
        List<Sample> samples;
        injectLatency(testbed);
        try {
          progress.requests(name, 0, workload.requests());
          samples = workload.run(client, DogPaths.ROOT, done -> progress.requests(name, done, workload.requests()));
        } finally {
          testbed.setLatency(Duration.ZERO, Duration.ZERO);
        }
        Map<String, Long> billed = testbed.billingCounts();
        progress.phase(name, "stopping");
        return RunResult.of(variant, limits, samples, theory(variant, limits, workload), BillingCheck.of(billed, samples));
      }
    }
  }

  private void injectLatency(Testbed testbed) {
    if (config.jitter().isZero()) {
      testbed.setLatency(config.upstreamLatency(), config.dbLatency());
    } else {
      testbed.setLatency(ProxyNames.UPSTREAM, config.upstreamLatency(), config.jitter());
      testbed.setLatency(ProxyNames.POSTGRES, config.dbLatency(), config.jitter());
    }
  }

  private Theory theory(Variant variant, Limits limits, Workload workload) {
    return switch (workload) {
      case ClosedLoop closed -> Theory.closedLoop(
          variant.composition(), config.upstreamLatency(), config.dbLatency(), closed.clients(), limits);
      case OpenLoop open -> Theory.openLoop(
          variant.composition(), config.upstreamLatency(), config.dbLatency(), open.ratePerSecond(),
          open.maxConnections(), limits);
    };
  }

  private VariantProcess.Launch launch(Testbed testbed, Variant variant) {
    return new VariantProcess.Launch(
        variant,
        jars.jarFor(variant),
        javaLauncher(),
        config.jvmArgs(),
        testbed.jdbcUrl(),
        testbed.dbUser(),
        testbed.dbPassword(),
        testbed.upstreamUrl(),
        config.dbPool(),
        config.serverThreads(),
        config.deadline());
  }

  private NotRun missingJar(Variant variant, Path jar) {
    String reason = "no jar at " + jar;
    String hint = jars.projectRoot()
        ? "build it with: " + jars.buildCommand(variant) + " (in " + jars.folder() + ")"
        : "put " + jar.getFileName() + " in " + jars.folder();
    return new NotRun(variant, !config.requireJars(), reason, hint);
  }

  private Provenance provenance(String postgres, String toxiproxy) {
    return Provenance.collect(jars.folder(), VariantJars.harnessVersion(), javaLauncher(), config.jvmArgs(),
        postgres, toxiproxy);
  }

  private Path javaLauncher() {
    return config.java() != null ? config.java() : Provenance.thisJava();
  }

  private Path logFile(Variant variant) {
    return jars.logFolder().resolve(variant.wireName() + ".log");
  }

  private String latencyDescription() {
    return "latency upstream " + Times.format(config.upstreamLatency().toNanos() / 1e6) + ", postgres "
        + Times.format(config.dbLatency().toNanos() / 1e6)
        + (config.jitter().isZero() ? "" : " ± " + Times.format(config.jitter().toNanos() / 1e6));
  }
}
