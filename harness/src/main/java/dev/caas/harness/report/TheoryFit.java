package dev.caas.harness.report;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.queueing.UniversalScalabilityLaw;
import dev.caas.harness.queueing.UniversalScalabilityLaw.Estimate;
import dev.caas.harness.report.ReportModel.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How well the theory fits a sweep, per variant: the share of points where the queueing model's
 * median and throughput are within ±10 % of the measured ones; and, for a concurrency sweep, the
 * Universal Scalability Law fitted to the measured throughput, whose σ (contention) and κ
 * (coherency) say what the curve did where the model says what it should do.
 *
 * @param variant the variant
 * @param points its sweep points the model applies to
 * @param medianWithin points whose measured median is within ±10 % of the model's
 * @param throughputWithin the same for throughput
 * @param bothWithin points within on both
 * @param usl the law fitted to the measured throughput against the clients; empty for a latency
 *     sweep, for fewer than four points, or when the fit fails
 * @param misses the points not within on both, in the scenario's order
 */
record TheoryFit(
    Variant variant,
    int points,
    int medianWithin,
    int throughputWithin,
    int bothWithin,
    Optional<UniversalScalabilityLaw> usl,
    List<PointSummary> misses) {

  TheoryFit {
    misses = List.copyOf(misses);
  }

  /**
   * A point the model missed, with what can be said about why: by how much on each figure, what the
   * model names as its bottleneck and how busy, and, with {@code --repeat}, how far the runs of the
   * point were from one another (a miss smaller than that spread is within what this machine
   * reproduces): {@code missed C=200, upstream 100 ms, postgres 0 ms: median ×1.27, throughput
   * ×0.72; the model's bottleneck: machine at U = 0.95; the 3 runs' throughput spread 13 % (CV)}.
   */
  static String describeMiss(PointSummary missed) {
    return String.format(
            Locale.ROOT,
            "missed %s: median ×%.2f, throughput ×%.2f; the model's bottleneck: %s at U = %.2f",
            missed.point().describe(),
            missed.medianOverModel(),
            missed.throughputOverModel(),
            missed.model().bottleneck(),
            missed.model().utilisation())
        + (Double.isNaN(missed.throughputSpread())
            ? ""
            : String.format(
                Locale.ROOT,
                "; the %d runs' throughput spread %.0f %% (CV)",
                missed.runs(),
                missed.throughputSpread() * 100));
  }

  /** The agreement the validation asks for: within ±10 % of the prediction. */
  static final double TOLERANCE = 0.10;

  /** Per variant of a sweep, in the bench's order; empty for a single point. */
  static List<TheoryFit> of(BenchReport report) {
    if (!ReportModel.severalPoints(report)) {
      return List.of();
    }
    List<PointSummary> summaries = PointSummary.of(report);
    boolean concurrencySweep = report.config().scenario() instanceof Scenario.ConcurrencySweep;
    var fits = new ArrayList<TheoryFit>();
    for (Variant variant : PointSummary.variants(summaries)) {
      List<PointSummary> mine =
          summaries.stream().filter(s -> s.variant() == variant && s.model().applies()).toList();
      int median = 0;
      int throughput = 0;
      int both = 0;
      var misses = new ArrayList<PointSummary>();
      for (PointSummary s : mine) {
        boolean m = within(s.medianOverModel());
        boolean x = within(s.throughputOverModel());
        median += m ? 1 : 0;
        throughput += x ? 1 : 0;
        both += m && x ? 1 : 0;
        if (!(m && x)) {
          misses.add(s);
        }
      }
      fits.add(
          new TheoryFit(
              variant,
              mine.size(),
              median,
              throughput,
              both,
              concurrencySweep ? usl(mine) : Optional.empty(),
              misses));
    }
    return fits;
  }

  static boolean within(double ratio) {
    return Math.abs(ratio - 1) <= TOLERANCE;
  }

  private static Optional<UniversalScalabilityLaw> usl(List<PointSummary> points) {
    var measured =
        points.stream()
            .filter(s -> Double.isFinite(s.throughputRps()) && s.throughputRps() > 0)
            .map(s -> new UniversalScalabilityLaw.Point(s.point().concurrency(), s.throughputRps()))
            .toList();
    if (measured.size() < 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(UniversalScalabilityLaw.fit(measured));
    } catch (RuntimeException noFit) {
      // Commons Math gives up (too many evaluations, a singular covariance): no fit to show.
      return Optional.empty();
    }
  }

  /** The report's section: per variant the agreement, then the fitted law when there is one. */
  static Optional<Section> section(BenchReport report) {
    List<TheoryFit> fits = of(report);
    if (fits.isEmpty()) {
      return Optional.empty();
    }
    var lines = new ArrayList<String>();
    for (TheoryFit fit : fits) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: within ±%.0f %% of the model at %d of %d points on the median, %d on"
                  + " throughput, %d on both",
              fit.variant().wireName(),
              TOLERANCE * 100,
              fit.medianWithin(),
              fit.points(),
              fit.throughputWithin(),
              fit.bothWithin()));
      fit.misses().forEach(missed -> lines.add(describeMiss(missed)));
      fit.usl().ifPresent(law -> lines.add(describe(law)));
    }
    boolean fitted = fits.stream().anyMatch(fit -> fit.usl().isPresent());
    return Optional.of(
        new Section(
            "The queueing model against the measurement"
                + (fitted ? "; the Universal Scalability Law fitted to the throughput" : ""),
            lines));
  }

  /** {@code USL: λ = 9.1 rps [8.8, 9.4], σ = 0.061 [..], κ = 0.0000 [..], peak at C = ∞, …}. */
  static String describe(UniversalScalabilityLaw law) {
    double peak = law.peakConcurrency();
    return String.format(
        Locale.ROOT,
        "USL fitted (95 %% CI): λ = %s rps, σ = %s (contention), κ = %s (coherency); peak at C ="
            + " %s; residual %.1f rps",
        estimate(law.lambda(), "%.2f"),
        estimate(law.sigma(), "%.4f"),
        estimate(law.kappa(), "%.2e"),
        Double.isInfinite(peak) ? "∞ (κ = 0)" : String.format(Locale.ROOT, "%.0f", peak),
        law.residualStandardError());
  }

  private static String estimate(Estimate e, String format) {
    return String.format(
        Locale.ROOT, format + " [" + format + ", " + format + "]", e.value(), e.low(), e.high());
  }
}
