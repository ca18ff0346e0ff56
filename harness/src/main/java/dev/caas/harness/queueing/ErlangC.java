package dev.caas.harness.queueing;

/**
 * The M/M/c queue's probability of waiting (Erlang's C formula), through Erlang B's recursion,
 * which stays finite for thousands of servers where the textbook sum of a^k / k! overflows.
 */
final class ErlangC {

  private ErlangC() {}

  /**
   * P(an arrival waits) at c servers offered a Erlangs (a = λ·S), for a &lt; c.
   *
   * <p>Erlang B by B(0) = 1, B(k) = a·B(k − 1) / (k + a·B(k − 1)); then C = B / (1 − ρ·(1 − B))
   * with ρ = a / c.
   */
  static double probabilityOfWaiting(int servers, double offeredErlangs) {
    if (offeredErlangs >= servers) {
      return 1;
    }
    double blocking = 1;
    for (int k = 1; k <= servers; k++) {
      blocking = offeredErlangs * blocking / (k + offeredErlangs * blocking);
    }
    double rho = offeredErlangs / servers;
    return blocking / (1 - rho * (1 - blocking));
  }
}
