package dev.caas.workshop.checker;

/**
 * How far a prediction missed what was measured, said without the measurement: the direction and a
 * coarse band ({@code more than 2× too high}). A failing verdict of a prediction exercise says this
 * and nothing finer, because the measured figure is the answer: printed, it would be copied into
 * the answer file. A passing verdict shows the figures.
 */
final class Miss {
  private Miss() {}

  /**
   * {@code too high by 25–50 %}, {@code too low by 50 % to 2×}, {@code more than 2× too high}. The
   * bands are ratios of the larger figure to the smaller, so "too low by 50 % to 2×" means the
   * measurement is 1.5 to 2 times the prediction. A prediction of 0 (or less) against something
   * measured is "far too low"; against nothing measured, "too high" by no ratio at all.
   */
  static String describe(double predicted, double measured) {
    boolean high = predicted > measured;
    String direction = high ? "too high" : "too low";
    if (predicted <= 0 || measured <= 0) {
      return "far " + direction;
    }
    double ratio = high ? predicted / measured : measured / predicted;
    if (ratio > 10) {
      return "more than 10× " + direction;
    }
    if (ratio > 2) {
      return "more than 2× " + direction;
    }
    if (ratio > 1.5) {
      return direction + " by 50 % to 2×";
    }
    if (ratio > 1.25) {
      return direction + " by 25–50 %";
    }
    return direction + " by less than 25 %";
  }

  /** {@code too high}, {@code too low}: for a count graded to an absolute tolerance. */
  static String direction(double predicted, double measured) {
    return predicted > measured ? "too high" : "too low";
  }
}
