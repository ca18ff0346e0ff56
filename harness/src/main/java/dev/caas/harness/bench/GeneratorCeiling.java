package dev.caas.harness.bench;

import dev.caas.harness.calibration.Calibration;
import dev.caas.harness.text.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runs of a bench that ask more of the load generator than {@code caas calibrate} showed it can
 * give: more requests in flight than were calibrated, an open loop faster than the calibrated
 * ceiling, or a throughput close to it. Such a run may be measuring the harness, not the variant.
 */
public final class GeneratorCeiling {
  private GeneratorCeiling() {}

  /** One line for the report's header: the ceiling, or that there is none. */
  public static String describe(Optional<Calibration> calibration) {
    return calibration
        .map(
            c ->
                String.format(
                    Locale.ROOT,
                    "%.0f rps with %d connections (wrk: %s); p50 %s with %d in flight to a %s endpoint%s; calibrated %s",
                    c.harnessMaxRps(),
                    c.connections(),
                    Double.isNaN(c.wrkMaxRps())
                        ? "not run"
                        : String.format(Locale.ROOT, "%.0f rps", c.wrkMaxRps()),
                    Millis.format(c.harnessP50Ms()),
                    c.inFlight(),
                    Millis.format(c.delayMs()),
                    Double.isNaN(c.wrkP50Ms()) ? "" : " (wrk: " + Millis.format(c.wrkP50Ms()) + ")",
                    c.date()))
        .orElse("not calibrated (run ./caas calibrate)");
  }

  /**
   * A warning per run beyond the ceiling; empty when every run is within it or there is no
   * calibration.
   */
  public static List<String> flags(List<RunResult> runs, Optional<Calibration> calibration) {
    var flags = new ArrayList<String>();
    if (calibration.isEmpty()) {
      return flags;
    }
    Calibration c = calibration.get();
    for (RunResult run : runs) {
      String who =
          run.variant().wireName() + (run.point() == null ? "" : " at " + run.point().describe());
      int concurrency = run.point() == null ? 0 : run.point().concurrency();
      Double rate = run.point() == null ? null : run.point().ratePerSecond();
      if (concurrency > c.inFlight()) {
        flags.add(
            who
                + ": "
                + concurrency
                + " in flight is more than the "
                + c.inFlight()
                + " calibrated");
      } else if (!c.accurateInFlight() && concurrency >= c.inFlight() / 2) {
        flags.add(
            who
                + ": the generator added "
                + String.format(Locale.ROOT, "%.0f %%", (c.p50OverDelay() - 1) * 100)
                + " to the median at "
                + c.inFlight()
                + " in flight when calibrated");
      }
      if (rate != null && rate > c.harnessMaxRps()) {
        flags.add(
            String.format(
                Locale.ROOT,
                "%s: a rate of %.0f/s is above the calibrated ceiling of %.0f rps",
                who,
                rate,
                c.harnessMaxRps()));
      } else if (run.throughputRps() > Calibration.NEAR_CEILING * c.harnessMaxRps()) {
        flags.add(
            String.format(
                Locale.ROOT,
                "%s: %.0f rps is within %.0f %% of the calibrated ceiling of %.0f rps",
                who,
                run.throughputRps(),
                (1 - Calibration.NEAR_CEILING) * 100,
                c.harnessMaxRps()));
      }
    }
    return flags;
  }
}
