package dev.caas.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Server-Timing} header: one metric per step with its duration, plus a {@code start=}
 * parameter (milliseconds from the start of the request) so the harness can draw the request as a
 * waterfall, e.g.
 *
 * <pre>
 * upstream;start=0.0;dur=100.4, billing;start=100.6;dur=100.9, name;start=100.6;dur=101.2, total;dur=201.9
 * </pre>
 *
 * {@code start} is an extension parameter: the W3C grammar allows any {@code name=value}, and
 * browsers show the {@code dur} and ignore the rest.
 */
public final class ServerTiming {
  /** The metric that carries the whole request's duration. */
  public static final String TOTAL = "total";

  /** One metric. {@code startMs} is {@code NaN} when the metric has none (the total). */
  public record Metric(String name, double startMs, double durationMs) {
    public boolean hasStart() {
      return !Double.isNaN(startMs);
    }

    public double endMs() {
      return startMs + durationMs;
    }
  }

  private ServerTiming() {}

  /** Formats steps (in the order given) followed by the total. */
  public static String format(List<Metric> steps, double totalMs) {
    var parts = new ArrayList<String>(steps.size() + 1);
    for (Metric step : steps) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s;start=%.1f;dur=%.1f",
              step.name(),
              step.startMs(),
              step.durationMs()));
    }
    parts.add(String.format(Locale.ROOT, "%s;dur=%.1f", TOTAL, totalMs));
    return String.join(", ", parts);
  }

  /**
   * Parses a header value. Unknown parameters (e.g. {@code desc}) are ignored, as browsers do; a
   * metric without {@code dur} gets 0.
   *
   * @throws IllegalArgumentException when a number does not parse
   */
  public static List<Metric> parse(String header) {
    var metrics = new ArrayList<Metric>();
    if (header == null || header.isBlank()) {
      return metrics;
    }
    for (String entry : header.split(",")) {
      String[] params = entry.trim().split(";");
      String name = params[0].trim();
      if (name.isEmpty()) {
        continue;
      }
      double start = Double.NaN;
      double duration = 0;
      for (int i = 1; i < params.length; i++) {
        String[] keyValue = params[i].trim().split("=", 2);
        if (keyValue.length < 2) {
          continue;
        }
        String value = keyValue[1].trim().replace("\"", "");
        switch (keyValue[0].trim().toLowerCase(Locale.ROOT)) {
          case "start" -> start = Double.parseDouble(value);
          case "dur" -> duration = Double.parseDouble(value);
          default -> {}
        }
      }
      metrics.add(new Metric(name, start, duration));
    }
    return metrics;
  }

  /** The metric named {@code name}, or {@code null}. */
  public static Metric find(List<Metric> metrics, String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }
}
