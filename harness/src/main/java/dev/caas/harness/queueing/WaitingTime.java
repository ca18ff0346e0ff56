package dev.caas.harness.queueing;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;

/**
 * The time a request waits for a server at one station, as a distribution: zero when a server is
 * free on arrival, otherwise the time until enough requests ahead of it have left.
 *
 * <p>A request that finds k others at a station of c busy servers (k ≥ c) waits for k − c + 1
 * departures; with exponential service at rate 1/S each server frees at rate 1/S, all c together at
 * rate c/S, so the wait is Erlang(k − c + 1, c/S). Weighting by the probability of finding k (the
 * arrival theorem: what the other n − 1 requests do) gives a mixture of Erlangs; an open M/M/c
 * station is the special case of a single exponential (Erlang C).
 *
 * @param weights probability of each waiting component (they sum to the probability of waiting)
 * @param departures how many departures each component waits for (its Erlang shape)
 * @param departureRate how fast servers free up when all are busy, per second
 */
public record WaitingTime(double[] weights, int[] departures, double departureRate) {

  /** No wait at all. */
  public static final WaitingTime NONE = new WaitingTime(new double[0], new int[0], 1);

  public WaitingTime {
    weights = weights.clone();
    departures = departures.clone();
  }

  /** Erlang C: wait with probability {@code waiting}, then exponentially at {@code rate}. */
  public static WaitingTime exponential(double waiting, double rate) {
    return new WaitingTime(new double[] {waiting}, new int[] {1}, rate);
  }

  /** The probability of waiting at all. */
  public double probabilityOfWaiting() {
    return Arrays.stream(weights).sum();
  }

  /** The mean wait in seconds. */
  public double meanSeconds() {
    double mean = 0;
    for (int i = 0; i < weights.length; i++) {
      mean += weights[i] * departures[i] / departureRate;
    }
    return mean;
  }

  /** P(wait > t). */
  public double exceeds(double seconds) {
    if (seconds < 0) {
      return 1;
    }
    double probability = 0;
    for (int i = 0; i < weights.length; i++) {
      probability += weights[i] * Gamma.regularizedGammaQ(departures[i], departureRate * seconds);
    }
    return probability;
  }

  /**
   * The same shape, stretched in time so that its mean is {@code meanSeconds}: a request that
   * visits a station twice is taken to wait twice as long as one visit, not to draw twice.
   */
  public WaitingTime withMean(double meanSeconds) {
    double mean = meanSeconds();
    if (mean <= 0 || meanSeconds <= 0) {
      return NONE;
    }
    return new WaitingTime(weights, departures, departureRate * mean / meanSeconds);
  }

  /** The wait that {@code quantile} of requests do not exceed, in seconds. */
  public double quantileSeconds(double quantile) {
    double tail = 1 - quantile;
    if (exceeds(0) <= tail) {
      return 0;
    }
    double high = Math.max(meanSeconds(), 1e-9);
    while (exceeds(high) > tail) {
      high *= 2;
    }
    double low = 0;
    while (high - low > 1e-7 * high) {
      double middle = (low + high) / 2;
      if (exceeds(middle) > tail) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return (low + high) / 2;
  }
}
