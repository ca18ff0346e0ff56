package dev.caas.harness.queueing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Exact Mean Value Analysis of a closed network with no think time, every station load-dependent
 * where it has several servers (Reiser and Lavenberg 1980; Lazowska et al., <i> Quantitative System
 * Performance</i>, ch. 6 and 8).
 *
 * <p>The recursion climbs the population one request at a time. By the arrival theorem a request
 * arriving at a station in a network of n finds it as the network of n − 1 left it in equilibrium,
 * so from the marginal probabilities p_k(j | n − 1) (j requests at station k):
 *
 * <pre>
 *   residence per visit  r_k(n) = S_k · Σ_{j=1..n} j / min(j, c_k) · p_k(j − 1 | n − 1)
 *   throughput           X(n)   = n / Σ_k cycle_k(n)
 *   marginals            p_k(j | n) = X(n) · D_k / min(j, c_k) · p_k(j − 1 | n − 1),  j ≥ 1
 *                        p_k(0 | n) = 1 − Σ_{j ≥ 1} p_k(j | n)
 * </pre>
 *
 * where cycle_k = V_k · r_k is what station k adds to one request's response time.
 *
 * <p>A station whose visits are forked into b branches (the gathered composition's two database
 * steps) is solved as simultaneous possession: each request holds b servers at once for one service
 * time, so it is one customer of a station of c / b "b-tuples" of servers, visited V / b times. For
 * two equal fixed latencies that is what happens when the pool has room (the join costs max(L_d,
 * L_d) = L_d); when it has not, the real branches start as single connections free up, and the
 * tests measure what that costs.
 *
 * <p>It is exact for product-form networks (exponential service at the queues, any distribution at
 * the delays). Two things here are not product-form and are approximated: deterministic service at
 * a pool (a held connection is a fixed latency, not an exponential), and the fork/join; the tests
 * measure both against a simulation.
 */
public final class MeanValueAnalysis {

  private MeanValueAnalysis() {}

  /**
   * What one station looks like at one population.
   *
   * @param station the station
   * @param cycleSeconds what it adds to one request's response time
   * @param waitSeconds the part of that spent waiting for a server
   * @param queueLength requests at the station on average, waiting or served (Little's law)
   * @param utilisation the busy fraction of its servers, X · D / c
   * @param waitingPerVisit the distribution of one visit's wait; {@link WaitingTime#NONE} when not
   *     asked for
   */
  public record Centre(
      Station station,
      double cycleSeconds,
      double waitSeconds,
      double queueLength,
      double utilisation,
      WaitingTime waitingPerVisit) {}

  /**
   * The network at one population.
   *
   * @param population requests in the network
   * @param throughputPerSecond X(n)
   * @param responseSeconds R(n) = n / X(n)
   * @param centres every station in the order given
   */
  public record Solution(
      int population, double throughputPerSecond, double responseSeconds, List<Centre> centres) {
    public Solution {
      centres = List.copyOf(centres);
    }
  }

  /**
   * Solves the network for every population from 1 to {@code maxPopulation}.
   *
   * @param detailed the populations whose waiting-time distributions are wanted (they cost memory)
   * @return the solutions, index n − 1 for population n
   */
  public static List<Solution> solve(
      List<Station> stations, int maxPopulation, IntPredicate detailed) {
    int count = stations.size();
    // p[k][j]: probability of j requests at station k, for the population just solved.
    var marginals = new double[count][];
    for (int k = 0; k < count; k++) {
      marginals[k] = new double[maxPopulation + 1];
      marginals[k][0] = 1;
    }
    var solutions = new ArrayList<Solution>(maxPopulation);
    var perVisit = new double[count];
    var cycle = new double[count];
    for (int n = 1; n <= maxPopulation; n++) {
      double response = 0;
      for (int k = 0; k < count; k++) {
        Station station = stations.get(k);
        double servers = tuples(station);
        double service = station.serviceSeconds();
        if (servers >= n) {
          // Never more requests than servers: a delay, whatever its nominal size.
          perVisit[k] = service;
        } else {
          perVisit[k] = service * scaledQueueSeen(marginals[k], servers, n);
        }
        cycle[k] = station.visits() / station.branches() * perVisit[k];
        response += cycle[k];
      }
      double throughput = n / response;
      var centres = new ArrayList<Centre>(count);
      for (int k = 0; k < count; k++) {
        Station station = stations.get(k);
        double servers = tuples(station);
        WaitingTime waiting =
            detailed.test(n) && servers < n
                ? waitingTime(marginals[k], servers, n - 1, station.serviceSeconds())
                : WaitingTime.NONE;
        centres.add(
            new Centre(
                station,
                cycle[k],
                cycle[k] - station.aloneSeconds(),
                throughput * station.visits() / station.branches() * perVisit[k],
                station.isDelay() ? 0 : throughput * station.demandSeconds() / station.servers(),
                waiting));
        if (servers < maxPopulation) {
          advance(marginals[k], servers, throughput * station.aloneSeconds(), n);
        }
      }
      solutions.add(new Solution(n, throughput, response, centres));
    }
    return solutions;
  }

  /** The servers a request takes one of: b-tuples when it holds b at once. */
  private static double tuples(Station station) {
    return station.isDelay()
        ? Double.POSITIVE_INFINITY
        : (double) station.servers() / station.branches();
  }

  /** Σ_{j=1..n} j / min(j, c) · p(j − 1): the queue an arrival finds, in units of service. */
  private static double scaledQueueSeen(double[] p, double servers, int n) {
    double sum = 0;
    for (int j = 1; j <= n; j++) {
      sum += (j <= servers ? 1.0 : (double) j / servers) * p[j - 1];
    }
    return sum;
  }

  private static void advance(double[] p, double servers, double throughputTimesDemand, int n) {
    double sum = 0;
    for (int j = n; j >= 1; j--) {
      p[j] = throughputTimesDemand / Math.min(j, servers) * p[j - 1];
      sum += p[j];
    }
    // The complement can come out a hair below zero by rounding when the station is saturated.
    p[0] = Math.max(0, 1 - sum);
  }

  /** An arrival that finds j ≥ c waits for j − ⌈c⌉ + 1 departures, at c / S. */
  private static WaitingTime waitingTime(double[] p, double servers, int last, double service) {
    int busy = (int) Math.ceil(servers);
    int components = Math.max(0, last - busy + 1);
    var weights = new double[components];
    var departures = new int[components];
    for (int j = busy; j <= last; j++) {
      weights[j - busy] = p[j];
      departures[j - busy] = j - busy + 1;
    }
    return new WaitingTime(weights, departures, servers / service);
  }
}
