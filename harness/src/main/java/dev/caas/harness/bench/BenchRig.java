package dev.caas.harness.bench;

import dev.caas.contract.DogPaths;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.cost.JvmFlags;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import dev.caas.harness.load.Workload;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.HealthWait;
import dev.caas.harness.variant.Provenance;
import dev.caas.harness.variant.VariantJars;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Fault;
import dev.caas.testbed.ProxyNames;
import dev.caas.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every measurement of a variant against the testbed needs, whether a scenario's point ({@link
 * Bench}) or a fault matrix's cell ({@link FaultBench}): how its jar is launched, where its log
 * goes, the latency put on the proxies, the billing reconciled once its compensations are done, and
 * the provenance and calibration the report carries. Written once, so the two benches cannot start
 * or judge a variant differently.
 */
public final class BenchRig {
  private final BenchConfig config;
  private final VariantJars jars;
  private final Progress progress;

  public BenchRig(BenchConfig config, VariantJars jars, Progress progress) {
    this.config = config;
    this.jars = jars;
    this.progress = progress;
  }

  /** The calibration stored beside the jars, if {@code caas calibrate} was run there. */
  public Optional<Calibration> calibration() {
    return Calibration.read(Calibration.file(jars));
  }

  /**
   * One point's measured window, the same for a launched variant and for a target started
   * elsewhere: first one request per client at no latency, not counted, so that the point starts on
   * open, fresh connections rather than on ones closed while earlier points ran with fewer clients;
   * then an empty billing ledger; then the point's latency on the proxies for exactly as long as
   * its workload runs. {@code window} is told as the latency goes on and once the requests are
   * done, before it goes off, so that what it meters spans the measured requests only.
   */
  public Measured measure(
      Testbed testbed, RequestClient client, ScenarioPoint point, String label, Window window) {
    Workload workload = point.workload();
    new ClosedLoop(point.concurrency(), point.concurrency()).run(client, DogPaths.ROOT, done -> {});
    testbed.clearBilling();
    progress.phase(label, point.describeMeasuring());
    window.opening();
    Instant started = Instant.now();
    injectLatency(testbed, point.latency());
    try {
      window.latencyOn();
      int sent = workload.totalRequests();
      progress.requests(label, 0, sent);
      List<Sample> all =
          workload.run(client, DogPaths.ROOT, done -> progress.requests(label, done, sent));
      return new Measured(all, workload.measured(all), started);
    } finally {
      window.closed();
      testbed.setLatency(Duration.ZERO, Duration.ZERO);
    }
  }

  /**
   * The requests of a point's window, and when it started.
   *
   * @param all every request sent, a closed loop's ramp included: what the billing must show
   * @param samples the measured ones, what the figures are made of
   */
  public record Measured(List<Sample> all, List<Sample> samples, Instant started) {}

  /** What watches a measured window (a cost meter); {@link #NONE} for nothing. */
  public interface Window {
    Window NONE = new Window() {};

    /** Just before the latency goes on. */
    default void opening() {}

    /** The latency is on; the requests are about to be sent. */
    default void latencyOn() {}

    /** The requests are done (or failed); the latency is still on. */
    default void closed() {}
  }

  /**
   * Reconciles the billing ledger with the 200s of {@code samples}, reading it only once the
   * variant has no failed request's billing left to undo: the variants delete it in the background,
   * so an event may outlive its failed request by a moment. The wait is bounded by {@link
   * HealthWait#TIMEOUT}; when it times out, or the variant does not report its load while some
   * request failed, the console says so and the ledger is read anyway (a difference then fails the
   * run as any other).
   */
  public BillingCheck reconcile(
      Testbed testbed, VariantProcess process, String label, List<Sample> samples) {
    return reconcile(testbed, process::load, label, samples);
  }

  /**
   * The same for an implementation the harness did not start ({@code --target}), its load read from
   * its {@code /health} by {@code load}.
   */
  public BillingCheck reconcile(
      Testbed testbed, Supplier<Optional<Load>> load, String label, List<Sample> samples) {
    HealthWait compensations = HealthWait.await(load, HealthWait.compensated(), HealthWait.TIMEOUT);
    boolean someFailed = samples.stream().anyMatch(sample -> !sample.ok());
    if (compensations.failed()
        || (someFailed && compensations.outcome() == HealthWait.Outcome.NOT_REPORTED)) {
      progress.warn(
          label + ": compensations " + compensations.describe() + "; billing read anyway");
    }
    return BillingCheck.of(testbed.billingCounts(), samples, compensations);
  }

  /** Puts {@code latency} on the testbed's proxies, jitter per proxy when there is any. */
  public void injectLatency(Testbed testbed, InjectedLatency latency) {
    if (latency.steady()) {
      testbed.setLatency(latency.upstream(), latency.postgres());
    } else {
      testbed.setLatency(ProxyNames.UPSTREAM, latency.upstream(), latency.upstreamJitter());
      testbed.setLatency(ProxyNames.POSTGRES, latency.postgres(), latency.postgresJitter());
    }
  }

  /**
   * How {@code variant}'s jar is started against {@code testbed}, with the config's settings. The
   * scale scenario raises what would otherwise be measured instead of the model: sync gets a
   * platform thread per request in flight (unless {@code --server-threads} says otherwise), and
   * reactive an upstream connection per request in flight.
   */
  public VariantProcess.Launch launch(Testbed testbed, Variant variant) {
    Integer serverThreads = config.serverThreads();
    Integer upstreamConnections = null;
    if (config.scenario() instanceof Scenario.Scale scale) {
      serverThreads = serverThreads != null ? serverThreads : scale.maxInFlight();
      upstreamConnections = scale.maxInFlight();
    }
    return new VariantProcess.Launch(
        variant,
        jars.jarFor(variant),
        javaLauncher(),
        variantJvmArgs(),
        testbed.jdbcUrl(),
        testbed.dbUser(),
        testbed.dbPassword(),
        testbed.upstreamUrl(),
        config.dbPool(),
        serverThreads,
        config.queue(),
        config.deadline(),
        upstreamConnections);
  }

  /**
   * The variants' JVM flags: the pinned heap and native memory tracking every variant gets (see
   * {@link JvmFlags#launchArguments}; pre-touched for the scale scenario, whose RSS slope needs
   * it), then the config's own, which win.
   */
  public List<String> variantJvmArgs() {
    var arguments =
        new ArrayList<>(JvmFlags.launchArguments(config.scenario() instanceof Scenario.Scale));
    arguments.addAll(config.jvmArgs());
    return arguments;
  }

  /** What was run where, for the report's head. */
  public Provenance provenance(String postgres, String toxiproxy) {
    return Provenance.collect(
        jars.folder(),
        VariantJars.harnessVersion(),
        javaLauncher(),
        variantJvmArgs(),
        postgres,
        toxiproxy);
  }

  private Path javaLauncher() {
    return config.java() != null ? config.java() : Provenance.thisJava();
  }

  /** Where {@code variant}'s output goes. */
  public Path logFile(Variant variant) {
    return jars.logFolder().resolve(variant.wireName() + ".log");
  }

  /**
   * One log per fault cell, so that the matrix's verdicts can all be traced to what the variant
   * printed.
   */
  public Path logFile(Variant variant, Fault fault) {
    return logFile(variant).resolveSibling(variant.wireName() + "-" + fault.wireName() + ".log");
  }
}
