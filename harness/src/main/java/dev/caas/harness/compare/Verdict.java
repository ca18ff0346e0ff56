package dev.caas.harness.compare;

/**
 * What one row of a comparison says, judged on the confidence interval of the ratio
 * current/baseline, never on the ratio alone: a 3 % change inside a ±8 % interval is noise.
 */
public enum Verdict {
  FASTER("faster"),
  SAME("same"),
  SLOWER("slower");

  private final String word;

  Verdict(String word) {
    this.word = word;
  }

  /** As reports write it. */
  public String word() {
    return word;
  }

  /** In a Markdown table: bold when it is not {@code same}, so a reader's eye finds it. */
  public String markdown() {
    return this == SAME ? word : "**" + word + "**";
  }

  /**
   * {@code slower} when the whole interval lies beyond the threshold on the worse side (above
   * {@code 1 + threshold} for a latency, below {@code 1 - threshold} for throughput), {@code
   * faster} when it lies beyond it on the better side, {@code same} otherwise: the difference is
   * within the noise or too small to matter.
   *
   * @param low the interval's lower bound of current/baseline
   * @param high its upper bound
   * @param threshold the smallest relative change that counts, e.g. 0.05
   */
  public static Verdict of(Metric metric, double low, double high, double threshold) {
    return of(metric.higherIsBetter(), low, high, threshold);
  }

  /** The same for any figure: {@code higherIsBetter} for a throughput, not for a cost. */
  public static Verdict of(boolean higherIsBetter, double low, double high, double threshold) {
    boolean above = low > 1 + threshold;
    boolean below = high < 1 - threshold;
    if (higherIsBetter) {
      return below ? SLOWER : above ? FASTER : SAME;
    }
    return above ? SLOWER : below ? FASTER : SAME;
  }
}
