package dev.caas.harness.queueing;

import java.util.List;
import java.util.Locale;

/**
 * The predicted table as plain text, one row per load, for {@code caas bench --predict-only}: what
 * to expect before anything runs.
 *
 * <pre>
 *       C      X/s     mean ms   p50 ms   p99 ms  bottleneck              U
 *      10     33.3       300.0    300.0    300.0  database pool        0.33
 * </pre>
 *
 * Under the rows, the ceilings that do not depend on the load (each resource's capacity over
 * demand), smallest first: the line the throughput column approaches.
 */
public final class PredictionTable {

  private PredictionTable() {}

  /** The table for a curve; all rows should share one kind of load (clients or rate). */
  public static String render(List<Prediction> predictions) {
    if (predictions.isEmpty()) {
      return "";
    }
    boolean open = predictions.getFirst().load() instanceof Prediction.Rate;
    var text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%8s %9s %10s %9s %9s  %-20s %5s%n",
            open ? "λ/s" : "C",
            "X/s",
            "mean ms",
            "p50 ms",
            "p99 ms",
            "bottleneck",
            "U"));
    for (Prediction prediction : predictions) {
      text.append(
          String.format(
              Locale.ROOT,
              "%8s %9.1f %10s %9s %9s  %-20s %5.2f%s%n",
              load(prediction.load()),
              prediction.throughputPerSecond(),
              millis(prediction.meanSeconds()),
              millis(prediction.medianSeconds()),
              millis(prediction.p99Seconds()),
              prediction.bottleneck().centre(),
              prediction.bottleneck().utilisation(),
              prediction.overloaded()
                  ? "  overloaded: the queue grows for as long as it runs"
                  : ""));
    }
    text.append("ceilings:");
    for (Asymptote asymptote : predictions.getFirst().asymptotes()) {
      if (!asymptote.resource().equals(VariantNetwork.CLIENTS)
          && !asymptote.resource().equals(VariantNetwork.ARRIVAL_RATE)) {
        text.append(
            String.format(
                Locale.ROOT,
                " %s %.1f/s = %s;",
                asymptote.resource(),
                asymptote.throughputPerSecond(),
                asymptote.formula()));
      }
    }
    return text.append(System.lineSeparator()).toString();
  }

  private static String load(Prediction.Load load) {
    return switch (load) {
      case Prediction.Clients clients -> Integer.toString(clients.count());
      case Prediction.Rate rate -> String.format(Locale.ROOT, "%.1f", rate.perSecond());
    };
  }

  private static String millis(double seconds) {
    return Double.isInfinite(seconds) ? "∞" : String.format(Locale.ROOT, "%.1f", seconds * 1000);
  }
}
