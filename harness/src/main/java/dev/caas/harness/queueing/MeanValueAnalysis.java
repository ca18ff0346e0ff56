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
 *                               = S_k / c_k · (1 + Q_k(n − 1) + Σ_{j &lt; c_k − 1} (c_k − 1 − j) · p_k(j | n − 1))
 *   throughput           X(n)   = n / Σ_k cycle_k(n)
 *   queue length         Q_k(n) = X(n) · V_k · r_k(n)                      (Little's law)
 *   marginals            p_k(j | n) = X(n) · D_k / min(j, c_k) · p_k(j − 1 | n − 1),  j ≥ 1
 *                        p_k(0 | n) = p_k(0 | n − 1) · X(n) / X_-k(n)
 * </pre>
 *
 * where cycle_k = V_k · r_k is what station k adds to one request's response time, and X_-k the
 * throughput of the network without station k (solved the same way, once). The textbook p_k(0 | n)
 * = 1 − Σ_{j ≥ 1} p_k(j | n), and even Bolch's form of it from the utilisation law, are numerically
 * unstable: the rounding error in a small difference of two numbers near 1 grows geometrically
 * population after population (at 20 servers and 100 requests the throughput is already 1 % to 20 %
 * off). The ratio of normalising constants p_k(0 | n) = G_-k(n) / G(n) is a product and stays
 * exact; the residence time needs only the marginals below c (Bolch et al., <i>Queueing Networks
 * and Markov Chains</i>, §8.2).
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
    // For a station of several servers, the network without it: p_k(0 | n) comes from its
    // throughput.
    var complements = new double[count][];
    for (int k = 0; k < count; k++) {
      Station station = stations.get(k);
      double servers = tuples(station);
      if (station.isLoadDependent() || servers > 1 && servers < maxPopulation) {
        complements[k] = throughputs(without(stations, k), maxPopulation);
      }
    }
    var solutions = new ArrayList<Solution>(maxPopulation);
    var queueLengths = new double[count];
    var perVisit = new double[count];
    var cycle = new double[count];
    for (int n = 1; n <= maxPopulation; n++) {
      double response = 0;
      for (int k = 0; k < count; k++) {
        Station station = stations.get(k);
        double servers = tuples(station);
        double service = station.serviceSeconds();
        if (station.isLoadDependent()) {
          perVisit[k] = service * loadDependentQueueSeen(marginals[k], station, n);
        } else if (servers >= n) {
          // Never more requests than servers: a delay, whatever its nominal size.
          perVisit[k] = service;
        } else {
          perVisit[k] = service * queueSeen(marginals[k], queueLengths[k], servers);
        }
        cycle[k] = station.visits() / station.branches() * perVisit[k];
        response += cycle[k];
      }
      double throughput = n / response;
      var centres = new ArrayList<Centre>(count);
      for (int k = 0; k < count; k++) {
        Station station = stations.get(k);
        double servers = tuples(station);
        WaitingTime waiting = WaitingTime.NONE;
        if (detailed.test(n) && station.isLoadDependent()) {
          // Its shape only (the caller stretches it to the mean): an arrival that finds j
          // requests in the machine waits for j departures, as at a single server. Busy, the
          // machine holds many and the wait is nearly fixed; idle, most requests do not wait.
          waiting = waitingTime(marginals[k], 1, n - 1, station.serviceSeconds());
        } else if (detailed.test(n) && servers < n) {
          waiting = waitingTime(marginals[k], servers, n - 1, station.serviceSeconds());
        }
        queueLengths[k] = throughput * cycle[k];
        centres.add(
            new Centre(
                station,
                cycle[k],
                cycle[k] - station.aloneSeconds(),
                queueLengths[k],
                station.utilisation(throughput),
                waiting));
        if (complements[k] != null) {
          advance(marginals[k], station, throughput * station.aloneSeconds(), n);
          // p_k(0 | n) = G_-k(n) / G(n) = p_k(0 | n − 1) · X(n) / X_-k(n): a product, no
          // cancellation.
          marginals[k][0] *= throughput / complements[k][n - 1];
        }
      }
      solutions.add(new Solution(n, throughput, response, centres));
    }
    return solutions;
  }

  /** The servers a request takes one of: b-tuples when it holds b at once. (The machine: 1.) */
  private static double tuples(Station station) {
    return station.isDelay()
        ? Double.POSITIVE_INFINITY
        : (double) station.servers() / station.branches();
  }

  /**
   * Σ_{j=1..n} j / min(j, c) · p(j − 1), the queue an arrival finds in units of service, as (1 + Q
   * + Σ_{j + 1 &lt; c} (c − 1 − j)·p(j)) / c: only the marginals below c enter.
   */
  private static double queueSeen(double[] p, double queueLength, double servers) {
    double belowServers = 0;
    for (int j = 0; j + 1 < servers; j++) {
      belowServers += (servers - 1 - j) * p[j];
    }
    return (1 + queueLength + belowServers) / servers;
  }

  /**
   * Σ_{j=1..n} j / α(j) · p(j − 1 | n − 1) for a station served α(j) times as fast with j requests
   * there as with one: the general form of {@link #queueSeen}, every marginal entering.
   */
  private static double loadDependentQueueSeen(double[] p, Station station, int n) {
    double seen = 0;
    for (int j = 1; j <= n; j++) {
      seen += j / station.speedUp(j) * p[j - 1];
    }
    return seen;
  }

  /**
   * p(j | n) = X(n)·D / α(j) · p(j − 1 | n − 1) for j ≥ 1, α(j) = min(j, c) for c servers; p(0 | n)
   * is the caller's.
   */
  private static void advance(double[] p, Station station, double throughputTimesDemand, int n) {
    for (int j = n; j >= 1; j--) {
      p[j] = throughputTimesDemand / station.speedUp(j) * p[j - 1];
    }
  }

  /** X(1) … X(n) of a network; all zero-population requests stay put when it has no stations. */
  private static double[] throughputs(List<Station> stations, int maxPopulation) {
    var throughputs = new double[maxPopulation];
    if (stations.isEmpty()) {
      // G(n) = 0 for n > 0: the station left out holds everyone, p(0 | n) = 0.
      java.util.Arrays.fill(throughputs, Double.POSITIVE_INFINITY);
      return throughputs;
    }
    var solutions = solve(stations, maxPopulation, n -> false);
    for (int n = 1; n <= maxPopulation; n++) {
      throughputs[n - 1] = solutions.get(n - 1).throughputPerSecond();
    }
    return throughputs;
  }

  private static List<Station> without(List<Station> stations, int left) {
    var rest = new ArrayList<Station>(stations);
    rest.remove(left);
    return rest;
  }

  /** Components lighter than this share of the waiting probability are left out. */
  private static final double NEGLIGIBLE = 1e-12;

  /** An arrival that finds j ≥ c waits for j − ⌈c⌉ + 1 departures, at c / S. */
  private static WaitingTime waitingTime(double[] p, double servers, int last, double service) {
    int busy = (int) Math.ceil(servers);
    double waiting = 0;
    for (int j = busy; j <= last; j++) {
      waiting += p[j];
    }
    var weights = new ArrayList<Double>();
    var departures = new ArrayList<Integer>();
    for (int j = busy; j <= last; j++) {
      if (p[j] > NEGLIGIBLE * waiting) {
        weights.add(p[j]);
        departures.add(j - busy + 1);
      }
    }
    return new WaitingTime(
        weights.stream().mapToDouble(Double::doubleValue).toArray(),
        departures.stream().mapToInt(Integer::intValue).toArray(),
        servers / service);
  }
}
