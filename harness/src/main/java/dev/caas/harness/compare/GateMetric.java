package dev.caas.harness.compare;

import dev.caas.harness.text.Millis;
import java.util.Locale;

/**
 * What the A/B gate judges: figures that move when the code does, whatever the injected latency.
 *
 * <p>The talk's median is not among them. At 100 ms per step it is 300 ms of waiting and a few
 * milliseconds of code, so a change that costs the service a quarter of its capacity moves it by 1
 * %. These figures take the waiting out: what the request costs above the theory, what it costs the
 * processor and the heap, how many the service answers when nothing waits, and how its tail behaves
 * under a fixed load below that.
 */
public enum GateMetric {
  /** The median latency at the latency point minus the theory's T there: the code's own time. */
  OVERHEAD("overhead above theory", "ms", false, "median − theory, closed loop at latency L"),
  /** Server-Timing {@code dur} of the upstream step minus the latency injected on it. */
  UPSTREAM_STEP("upstream step above L", "ms", false, "median Server-Timing dur − L"),
  /** The same for the billing insert. */
  BILLING_STEP("billing step above L", "ms", false, "median Server-Timing dur − L"),
  /** The same for the name query. */
  NAME_STEP("name step above L", "ms", false, "median Server-Timing dur − L"),
  /**
   * CPU time of the variant's process over the saturation window, per request served, JIT left out.
   */
  CPU("CPU per request", "ms", false, "variant process, saturation window, JIT compilers left out"),
  /** Requests per second from a closed loop at no latency: the service's capacity. */
  SATURATION("throughput at saturation", "rps", true, "closed loop, no latency"),
  /** Heap bytes the variant's JVM allocated over the saturation window, per request. */
  ALLOCATION("allocated per request", "bytes", false, "variant JVM, saturation window"),
  /** The 99th percentile at a fixed open-loop rate below saturation. */
  TAIL("p99 at a fixed rate", "ms", false, "open loop, no latency");

  private final String label;
  private final String unit;
  private final boolean higherIsBetter;
  private final String howMeasured;

  GateMetric(String label, String unit, boolean higherIsBetter, String howMeasured) {
    this.label = label;
    this.unit = unit;
    this.higherIsBetter = higherIsBetter;
    this.howMeasured = howMeasured;
  }

  /** As reports write it. */
  public String label() {
    return label;
  }

  /** {@code ms}, {@code rps} or {@code bytes}. */
  public String unit() {
    return unit;
  }

  /** {@code true} only for throughput. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Where the figure comes from, for the table's reader. */
  public String howMeasured() {
    return howMeasured;
  }

  /**
   * A figure each JVM gives once, whose spread is the spread between launches: judged over the
   * runs' figures ({@link RunLevelInterval}), not by resampling requests.
   */
  public boolean ofWholeRuns() {
    return this == CPU || this == ALLOCATION || this == SATURATION;
  }

  /** The step whose Server-Timing entry this is, or {@code null}. */
  public String step() {
    return switch (this) {
      case UPSTREAM_STEP -> "upstream";
      case BILLING_STEP -> "billing";
      case NAME_STEP -> "name";
      default -> null;
    };
  }

  /** {@code 1.42 ms}, {@code 712 rps}, {@code 38.2 KB}; a dash for a missing value. */
  public String format(double value) {
    if (!Double.isFinite(value)) {
      return "—";
    }
    return switch (unit) {
      case "rps" -> String.format(Locale.ROOT, "%.0f rps", value);
      case "bytes" ->
          Math.abs(value) >= 1024
              ? String.format(Locale.ROOT, "%.1f KB", value / 1024)
              : String.format(Locale.ROOT, "%.0f B", value);
      default ->
          Math.abs(value) < 10
              ? String.format(Locale.ROOT, "%.2f ms", value)
              : Millis.format(value);
    };
  }

  /**
   * A change in a reader's words: {@code +1.02 ms CPU per request}, {@code throughput at saturation
   * −28 %}.
   */
  public String describeChange(double before, double after) {
    if (this == CPU || this == ALLOCATION) {
      String sign = after >= before ? "+" : "−";
      return sign + format(Math.abs(after - before)) + " " + label + " in the variant";
    }
    double percent = (after / before - 1) * 100;
    return label
        + String.format(Locale.ROOT, " %s%.0f %%", percent >= 0 ? "+" : "−", Math.abs(percent));
  }
}
