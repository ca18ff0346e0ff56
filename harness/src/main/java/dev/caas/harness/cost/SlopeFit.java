package dev.caas.harness.cost;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The least-squares line through points (x, y), by Commons Math's {@link SimpleRegression}: its
 * slope, intercept and R², the share of the points' variance the line explains.
 *
 * <p>Used as: y = heap after GC (or RSS), x = requests in flight. The slope is then the bytes one
 * more waiting request costs, the intercept what the process holds with none; R² near 1 says the
 * memory does grow in a line with the requests in flight, R² near 0 that the slope is noise.
 *
 * @param slope the change of y per unit of x
 * @param intercept y at x = 0
 * @param rSquare the coefficient of determination, in [0, 1]
 * @param points how many points were fitted
 * @param slopeStandardError the standard error of the slope (NaN with fewer than 3 points)
 */
public record SlopeFit(
    double slope, double intercept, double rSquare, int points, double slopeStandardError) {

  /** Below this R², a slope is not reported as a measurement. */
  public static final double RELIABLE_R_SQUARE = 0.9;

  /** Fits a line through the points, each giving its x and y. */
  public static <T> SlopeFit of(List<T> points, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a line needs at least 2 points, got " + points.size());
    }
    var regression = new SimpleRegression();
    points.forEach(p -> regression.addData(x.applyAsDouble(p), y.applyAsDouble(p)));
    return new SlopeFit(
        regression.getSlope(),
        regression.getIntercept(),
        regression.getRSquare(),
        points.size(),
        regression.getSlopeStdErr());
  }

  /** The line's y at x. */
  public double at(double x) {
    return intercept + slope * x;
  }

  /** Whether the slope is a measurement: at least 3 points, and a line that explains them. */
  public boolean isReliable() {
    return points >= 3 && rSquare >= RELIABLE_R_SQUARE;
  }
}
