package dev.caas.harness.queueing;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to measured throughput: what a sweep <i>did</i>,
 * beside what the queueing network says it <i>should</i> do.
 *
 * <pre>
 *   X(N) = λ·N / (1 + σ·(N − 1) + κ·N·(N − 1))
 * </pre>
 *
 * λ is the throughput of one client; σ the contention (the share of the work that serialises: σ = 0
 * scales linearly, σ alone flattens the curve towards λ / σ, Amdahl's law); κ the coherency cost
 * (every pair of requests paying to agree: κ &gt; 0 makes the curve turn down after N* = √((1 − σ)
 * / κ)). A pool that is simply full shows as σ near 1 beyond its knee, not as κ; κ is the
 * retrograde part, throughput lost as load grows.
 *
 * <p>Fitted by non-linear least squares (Levenberg–Marquardt, Apache Commons Math), started from
 * the linearised form N·λ / X − 1 = σ·(N − 1) + κ·N·(N − 1) with λ from the smallest N, and σ, κ
 * kept non-negative. The confidence intervals are the usual asymptotic ones: the covariance (JᵀJ)⁻¹
 * scaled by the residual variance, times Student's t with n − 3 degrees of freedom.
 *
 * @param lambda λ, throughput per client at N = 1, per second
 * @param sigma σ, contention
 * @param kappa κ, coherency
 * @param residualStandardError the fit's typical miss, in requests per second
 */
public record UniversalScalabilityLaw(
    Estimate lambda, Estimate sigma, Estimate kappa, double residualStandardError) {

  /** The confidence of the intervals. */
  public static final double CONFIDENCE = 0.95;

  private static final int PARAMETERS = 3;

  /**
   * A fitted parameter with its confidence interval.
   *
   * @param value the estimate
   * @param low the interval's lower end
   * @param high its upper end
   */
  public record Estimate(double value, double low, double high) {
    public boolean contains(double x) {
      return low <= x && x <= high;
    }
  }

  /**
   * One measured point of a sweep.
   *
   * @param concurrency N, e.g. the clients of a closed loop
   * @param throughputPerSecond X measured there
   */
  public record Point(double concurrency, double throughputPerSecond) {}

  /** X(N) by the fitted law. */
  public double throughputPerSecond(double concurrency) {
    return throughput(lambda.value, sigma.value, kappa.value, concurrency);
  }

  /** N* = √((1 − σ) / κ), where the curve peaks; infinite when κ = 0. */
  public double peakConcurrency() {
    return kappa.value <= 0
        ? Double.POSITIVE_INFINITY
        : Math.sqrt(Math.max(0, 1 - sigma.value) / kappa.value);
  }

  /** Fits the law to at least four measured points. */
  public static UniversalScalabilityLaw fit(List<Point> measured) {
    if (measured.size() <= PARAMETERS) {
      throw new IllegalArgumentException(
          "the law has three parameters; fitting needs at least four points, got "
              + measured.size());
    }
    double[] target = measured.stream().mapToDouble(Point::throughputPerSecond).toArray();
    MultivariateJacobianFunction model =
        parameters -> {
          double l = parameters.getEntry(0);
          double s = parameters.getEntry(1);
          double k = parameters.getEntry(2);
          var values = new ArrayRealVector(measured.size());
          var jacobian = new Array2DRowRealMatrix(measured.size(), PARAMETERS);
          for (int i = 0; i < measured.size(); i++) {
            double n = measured.get(i).concurrency();
            double denominator = 1 + s * (n - 1) + k * n * (n - 1);
            values.setEntry(i, l * n / denominator);
            jacobian.setEntry(i, 0, n / denominator);
            jacobian.setEntry(i, 1, -l * n * (n - 1) / (denominator * denominator));
            jacobian.setEntry(i, 2, -l * n * n * (n - 1) / (denominator * denominator));
          }
          return new Pair<>(values, jacobian);
        };
    Optimum optimum =
        new LevenbergMarquardtOptimizer()
            .optimize(
                new LeastSquaresBuilder()
                    .model(model)
                    .target(target)
                    .start(start(measured))
                    .parameterValidator(UniversalScalabilityLaw::nonNegativeCosts)
                    .maxEvaluations(10_000)
                    .maxIterations(10_000)
                    .build());
    RealVector fitted = optimum.getPoint();
    int degreesOfFreedom = measured.size() - PARAMETERS;
    double residualVariance =
        optimum.getResiduals().dotProduct(optimum.getResiduals()) / degreesOfFreedom;
    double t =
        new TDistribution(degreesOfFreedom).inverseCumulativeProbability((1 + CONFIDENCE) / 2);
    var covariance = optimum.getCovariances(1e-14).scalarMultiply(residualVariance);
    var estimates = new Estimate[PARAMETERS];
    for (int p = 0; p < PARAMETERS; p++) {
      double value = fitted.getEntry(p);
      double half = t * Math.sqrt(covariance.getEntry(p, p));
      estimates[p] = new Estimate(value, value - half, value + half);
    }
    return new UniversalScalabilityLaw(
        estimates[0], estimates[1], estimates[2], Math.sqrt(residualVariance));
  }

  /**
   * λ from the smallest N; then σ and κ from the linear deviation N·λ / X − 1 = σ(N − 1) + κN(N −
   * 1), by ordinary least squares in closed form (two unknowns).
   */
  private static double[] start(List<Point> measured) {
    Point first =
        measured.stream()
            .min((a, b) -> Double.compare(a.concurrency(), b.concurrency()))
            .orElseThrow();
    double lambda = first.throughputPerSecond() / first.concurrency();
    double aa = 0, ab = 0, bb = 0, ay = 0, by = 0;
    for (Point point : measured) {
      double n = point.concurrency();
      double a = n - 1;
      double b = n * (n - 1);
      double y = n * lambda / point.throughputPerSecond() - 1;
      aa += a * a;
      ab += a * b;
      bb += b * b;
      ay += a * y;
      by += b * y;
    }
    double determinant = aa * bb - ab * ab;
    double sigma = determinant == 0 ? 0 : (ay * bb - by * ab) / determinant;
    double kappa = determinant == 0 ? 0 : (aa * by - ab * ay) / determinant;
    return new double[] {lambda, Math.max(sigma, 0), Math.max(kappa, 0)};
  }

  private static RealVector nonNegativeCosts(RealVector parameters) {
    var kept = parameters.copy();
    kept.setEntry(1, Math.max(0, kept.getEntry(1)));
    kept.setEntry(2, Math.max(0, kept.getEntry(2)));
    return kept;
  }

  static double throughput(double lambda, double sigma, double kappa, double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }
}
