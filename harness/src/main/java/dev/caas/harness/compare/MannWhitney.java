package dev.caas.harness.compare;

/**
 * The Mann-Whitney U test, as benchstat reports it: how likely two sets of latencies this different
 * would be if both came from the same distribution.
 *
 * <p>It ranks all latencies together and asks whether one side's ranks are higher than chance
 * allows. It uses only the order of the values, so a few huge outliers weigh no more than a few
 * slightly slow requests. The p-value is two-sided, from the normal approximation with the
 * correction for ties and for continuity; with a bench's 90 or more requests per run the
 * approximation is close to the exact distribution.
 *
 * <p>Like benchstat, it takes every value as independent. Requests in flight together are not (see
 * {@link Bootstrap}): when a stall delayed ten of them at once, the test counts ten pieces of
 * evidence where there was one, and its p-value comes out too small. It is printed as a familiar
 * second opinion; the verdict rests on the block bootstrap.
 */
final class MannWhitney {
  private MannWhitney() {}

  /**
   * The two-sided p-value for sorted samples {@code x} and {@code y}; {@code NaN} if either is
   * empty, 1 when every value is the same.
   */
  static double pValue(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      return Double.NaN;
    }
    double rankSumX = 0;
    double tieTerm = 0;
    int i = 0;
    int j = 0;
    int ranked = 0;
    while (i < n1 || j < n2) {
      double value = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
      int tiedX = 0;
      int tiedY = 0;
      while (i < n1 && x[i] == value) {
        i++;
        tiedX++;
      }
      while (j < n2 && y[j] == value) {
        j++;
        tiedY++;
      }
      int tied = tiedX + tiedY;
      // Equal values share the mean of the ranks they occupy, ranked + 1 … ranked + tied.
      rankSumX += tiedX * (ranked + (tied + 1) / 2.0);
      tieTerm += (double) tied * tied * tied - tied;
      ranked += tied;
    }
    double n = n1 + n2;
    double u = rankSumX - n1 * (n1 + 1) / 2.0;
    double mean = n1 * (double) n2 / 2;
    double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
    if (variance <= 0) {
      return 1;
    }
    double z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
    return Math.min(1, erfc(z / Math.sqrt(2)));
  }

  /**
   * The complementary error function, with a fractional error under 1.2e-7 (Numerical Recipes'
   * erfcc).
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
