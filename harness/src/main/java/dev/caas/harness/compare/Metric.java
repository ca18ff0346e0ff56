package dev.caas.harness.compare;

import dev.caas.harness.text.Millis;
import java.util.Locale;

/**
 * The figures {@code compare} judges per variant; latencies are better lower, throughput higher.
 */
public enum Metric {
  MEDIAN("median", false),
  P99("p99", false),
  THROUGHPUT("throughput", true);

  private final String label;
  private final boolean higherIsBetter;

  Metric(String label, boolean higherIsBetter) {
    this.label = label;
    this.higherIsBetter = higherIsBetter;
  }

  /** As reports write it: {@code median}, {@code p99}, {@code throughput}. */
  public String label() {
    return label;
  }

  /** {@code true} for throughput: a ratio above 1 is an improvement, not a regression. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** {@code 302 ms}, {@code 33.1 rps}; a dash for a missing value. */
  public String format(double value) {
    if (!higherIsBetter) {
      return Millis.format(value);
    }
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f rps", value) : "—";
  }
}
