package dev.caas.harness.theory;

import dev.caas.contract.Variant;
import dev.caas.harness.cost.SlopeFit;
import dev.caas.harness.text.Millis;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The CPU one request costs the whole machine: the variant, the load generator, the proxies, the
 * dog upstream and PostgreSQL together, since they all share its cores. The queueing model's CPU
 * centre is served at this demand by as many servers as the machine has cores.
 *
 * <p>Three sources, best first: measured by the run itself at low load ({@link #measured}); given
 * on the command line ({@code --cpu-demand}); or this class's estimate per concurrency model
 * ({@link #estimate}).
 *
 * <h2>Where the estimates come from</h2>
 *
 * The two committed concurrency sweeps (results/sweeps, November 2026, two cores) probed every
 * variant's throughput with no latency and 1,000 clients, every process on the machine busy: at
 * saturation the cores divided by that throughput is the whole machine's CPU per request. The
 * probes gave 224–336 rps for sync, 464–624 for reactive and 429–509 for Loom; two cores over their
 * means, rounded, are the constants below. They are estimates from a noisy shared machine, good to
 * perhaps ±30 %: on another machine measure instead, or pass {@code --cpu-demand}.
 *
 * @param perRequest CPU time per request, every process counted
 * @param source how it was obtained, for the report: {@code measured at low load}, {@code
 *     --cpu-demand} or {@code estimate}
 * @param backgroundCores cores the rig keeps busy whatever the load (the service demand law's
 *     intercept: timers, pollers, collectors; 0 unless measured): taken from the cores before the
 *     requests are served, see {@link #onCores}
 * @param jitCores cores the JIT compilers kept busy at this point, measured ({@link
 *     #whileCompiling}); 0 for a prediction made before measuring. Also taken from the cores first
 */
public record CpuDemand(
    Duration perRequest, String source, double backgroundCores, double jitCores) {

  /** sync: two cores over the mean probe of 285 rps. Platform threads, Jetty, JDBC. */
  static final Duration SYNC_ESTIMATE = Duration.ofMillis(7);

  /** reactive: two cores over the mean probe of 531 rps. Reactor Netty, R2DBC. */
  static final Duration REACTIVE_ESTIMATE = Duration.ofMillis(3).plusNanos(800_000);

  /** Loom: two cores over the mean probe of 471 rps. Virtual threads, Jetty, JDBC. */
  static final Duration LOOM_ESTIMATE = Duration.ofMillis(4).plusNanos(200_000);

  public CpuDemand {
    Objects.requireNonNull(perRequest, "perRequest");
    Objects.requireNonNull(source, "source");
    if (perRequest.isNegative() || !(backgroundCores >= 0) || !(jitCores >= 0)) {
      throw new IllegalArgumentException(
          "a CPU demand cannot be negative: "
              + perRequest
              + ", background "
              + backgroundCores
              + ", JIT "
              + jitCores);
    }
  }

  /** A demand and the background the service demand law measured, before any point's JIT. */
  public CpuDemand(Duration perRequest, String source, double backgroundCores) {
    this(perRequest, source, backgroundCores, 0);
  }

  /** A demand with no background measured. */
  public CpuDemand(Duration perRequest, String source) {
    this(perRequest, source, 0);
  }

  /**
   * The demand a CPU centre of {@code cores} servers sees per request once the background and the
   * JIT have taken their share: the requests get {@code cores − background − JIT} of the cores, so
   * each takes {@code cores / (cores − background − JIT)} times as long of the centre's time. The
   * ceiling is then (cores − background − JIT) / demand, as the utilisation law says. A share of
   * all the cores or more leaves the demand as it is (and says so in the report by its figure).
   */
  public Duration onCores(int cores) {
    double taken = backgroundCores + jitCores;
    if (taken <= 0 || taken >= cores) {
      return perRequest;
    }
    return Duration.ofNanos(Math.round(perRequest.toNanos() * cores / (cores - taken)));
  }

  /**
   * This demand at one point, where the JIT compilers kept {@code jitCores} of the machine busy
   * through the measured window: that CPU serves no request, yet the requests cannot have it, so it
   * joins the background. Measured here, the compilers never settle within a sweep: after 8,000
   * warm-up and 30,000 measured requests at saturation, C2 still compiled 50–100 methods a second
   * and took 0.27–0.31 cores (loom-gathered); in the upstream-only sweep, 0.3–0.7 cores at every
   * point of Loom and reactive, 15–35 % of a two-core machine. The demand itself stays without the
   * JIT ({@link #fromUtilisation}): per request it is not, per second it is.
   */
  public CpuDemand whileCompiling(double compilingCores) {
    return new CpuDemand(perRequest, source, backgroundCores, Math.max(0, compilingCores));
  }

  /** The estimate for the variant's concurrency model (both compositions share it). */
  public static CpuDemand estimate(Variant variant) {
    return new CpuDemand(
        switch (variant.model()) {
          case SYNC -> SYNC_ESTIMATE;
          case REACTIVE -> REACTIVE_ESTIMATE;
          case LOOM -> LOOM_ESTIMATE;
        },
        "estimate");
  }

  /** What {@code --cpu-demand} says. */
  public static CpuDemand given(Duration perRequest) {
    return new CpuDemand(perRequest, "--cpu-demand");
  }

  /** What the run measured at low load. */
  public static CpuDemand measured(Duration perRequest) {
    return new CpuDemand(perRequest, "measured at low load");
  }

  /**
   * One run's load on the rig, for {@link #fromUtilisation}: requests per second served over its
   * measured window, and CPU milliseconds per second every process of the rig used in it.
   */
  public record Utilisation(double throughputRps, double cpuMillisPerSecond) {}

  /**
   * The demand measured by the service demand law (U = X · D; Lazowska et al., ch. 3): the slope of
   * the rig's CPU use against the throughput over a sweep's points. A slope, not one point's CPU
   * over its requests: what the processes burn whatever the load (timers, GC of the warm-up) is the
   * intercept and stays out of the demand, which at low load it would swamp. The JIT compilers' CPU
   * is not constant but falls from one point to the next as the JVMs warm, so the caller leaves it
   * out of the points before they get here. Empty unless at least three points fit a line (R² ≥
   * {@value SlopeFit#RELIABLE_R_SQUARE}) that rises.
   */
  public static Optional<CpuDemand> fromUtilisation(List<Utilisation> points) {
    if (points.size() < 3) {
      return Optional.empty();
    }
    SlopeFit fit = SlopeFit.of(points, Utilisation::throughputRps, Utilisation::cpuMillisPerSecond);
    if (!fit.isReliable() || !(fit.slope() > 0)) {
      return Optional.empty();
    }
    double background = Math.max(0, fit.intercept()) / 1000;
    return Optional.of(
        new CpuDemand(
            Duration.ofNanos(Math.round(fit.slope() * 1e6)),
            String.format(
                Locale.ROOT,
                "measured: CPU against throughput over %d points, R² %.2f, background %.2f cores",
                fit.points(),
                fit.rSquare(),
                background),
            background));
  }

  /**
   * The demand at the busiest of the points, its CPU over its requests: what a request cost the
   * machine when the machine was busiest, background and all. The fallback when the points do not
   * fit a line ({@link #fromUtilisation}): the per-request CPU falls as the load rises (work done
   * per wake-up is shared by more requests), so the line bends, and where it bends too much its
   * slope says little; the busiest point still says what the machine's ceiling is, which is what
   * the model needs the demand for. Empty without a point that served requests.
   */
  public static Optional<CpuDemand> atBusiestPoint(List<Utilisation> points) {
    return points.stream()
        .filter(point -> point.throughputRps() > 0)
        .max(Comparator.comparingDouble(Utilisation::throughputRps))
        .map(
            busiest ->
                new CpuDemand(
                    Duration.ofNanos(
                        Math.round(busiest.cpuMillisPerSecond() / busiest.throughputRps() * 1e6)),
                    String.format(
                        Locale.ROOT,
                        "measured at the busiest point (%.0f rps): the points did not fit a line",
                        busiest.throughputRps())));
  }

  /** The override when there is one, else the variant's estimate. */
  public static CpuDemand of(Variant variant, Duration override) {
    return override == null ? estimate(variant) : given(override);
  }

  public double millis() {
    return perRequest.toNanos() / 1e6;
  }

  /** {@code 7.0 ms (estimate)}, and the JIT's cores when a point measured them. */
  public String describe() {
    String described = Millis.format(millis()) + " (" + source + ")";
    return jitCores > 0
        ? described + String.format(Locale.ROOT, ", the JIT taking %.2f cores", jitCores)
        : described;
  }
}
