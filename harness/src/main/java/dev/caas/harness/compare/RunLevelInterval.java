package dev.caas.harness.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The confidence interval of a ratio head/base of a figure each JVM gives once: CPU per request,
 * bytes allocated per request, throughput at saturation.
 *
 * <h2>Why not the bootstrap</h2>
 *
 * These figures differ from one JVM of the same jar to the next by more than from one request to
 * the next (measured for the gate: ±15 % in CPU per request, ±20 % in throughput at saturation,
 * between launches of one build on a quiet machine: how the JIT laid out the hot path, where the
 * heap landed). Their spread is the spread between runs, and a gate has two or three runs a build.
 * A bootstrap of two values can only draw {a, a, b, b} combinations: its 95 % interval is the range
 * of the values, and two head runs that both happened above both base runs (one chance in six) give
 * an interval that excludes 1. The gate's benchmark saw exactly that: 2 false alarms in 10 trials
 * of a build against itself.
 *
 * <h2>What instead</h2>
 *
 * Welch's t interval on the logarithms (Welch 1947): the difference of the mean log figures, its
 * standard error from each side's own variance, and Student's t with the Welch–Satterthwaite
 * degrees of freedom, which with two or three runs a side are few and make the interval as wide as
 * so few runs warrant. On logarithms because the effect is a ratio and the figures are positive;
 * the interval, exponentiated, is that of the ratio of geometric means. With a single run on either
 * side there is no variance to estimate and the interval is unbounded: the metric cannot be called
 * slower.
 */
final class RunLevelInterval {
  private RunLevelInterval() {}

  /** The central {@code confidence} interval of head/base, from each run's figure. */
  static Bootstrap.Interval ratio(double[] base, double[] head, double confidence) {
    if (base.length < 2 || head.length < 2) {
      return new Bootstrap.Interval(0, Double.POSITIVE_INFINITY);
    }
    double[] logBase = logs(base);
    double[] logHead = logs(head);
    double difference = StatUtils.mean(logHead) - StatUtils.mean(logBase);
    double baseTerm = StatUtils.variance(logBase) / logBase.length;
    double headTerm = StatUtils.variance(logHead) / logHead.length;
    double standardError = Math.sqrt(baseTerm + headTerm);
    if (standardError == 0) {
      double ratio = Math.exp(difference);
      return new Bootstrap.Interval(ratio, ratio);
    }
    double degreesOfFreedom =
        Math.pow(baseTerm + headTerm, 2)
            / (baseTerm * baseTerm / (logBase.length - 1)
                + headTerm * headTerm / (logHead.length - 1));
    double t =
        new TDistribution(null, degreesOfFreedom)
            .inverseCumulativeProbability(1 - (1 - confidence) / 2);
    return new Bootstrap.Interval(
        Math.exp(difference - t * standardError), Math.exp(difference + t * standardError));
  }

  private static double[] logs(double[] values) {
    return Arrays.stream(values).map(Math::log).toArray();
  }
}
