package dev.caas.harness.queueing;

/**
 * One service centre of a queueing network: what a request asks of it and how many it serves at
 * once.
 *
 * <p>A pool is a station whose "service" is the time a request holds one of its members: a database
 * connection is held for the round trip it carries, so the database pool is a P-server station with
 * service time L_d, visited twice per request.
 *
 * @param name what it is, in the project's vocabulary (e.g. {@code database pool})
 * @param servers how many requests it serves at once; {@link #UNBOUNDED} for a pure delay (a
 *     latency nobody queues for)
 * @param visits how many times one request visits it
 * @param serviceSeconds how long one visit holds a server
 * @param branches 1 when the visits follow one another; 2 when they are forked and joined (the
 *     gathered composition's two database steps), so a request waits for the slower of them
 * @param machine for the one load-dependent station, the machine probed with no latency ({@link
 *     ProbedMachine}): served at X₀(j) with j requests there, its service time one request alone;
 *     {@code null} for a station of identical servers
 */
public record Station(
    String name,
    int servers,
    double visits,
    double serviceSeconds,
    int branches,
    ProbedMachine machine) {

  /** The server count of a delay centre: nobody ever waits for a server. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public Station {
    if (servers < 1 || visits <= 0 || serviceSeconds < 0 || branches < 1) {
      throw new IllegalArgumentException("not a station: " + name);
    }
  }

  /** A station of identical servers, or a delay. */
  public Station(String name, int servers, double visits, double serviceSeconds, int branches) {
    this(name, servers, visits, serviceSeconds, branches, null);
  }

  /**
   * The machine as one flow-equivalent station, visited once: one request alone takes 1 / X₀(1), j
   * requests leave at X₀(j).
   */
  public static Station machine(String name, ProbedMachine machine) {
    return new Station(name, 1, 1, machine.aloneSeconds(), 1, machine);
  }

  /** A latency nobody queues for. */
  public static Station delay(String name, double visits, double serviceSeconds) {
    return new Station(name, UNBOUNDED, visits, serviceSeconds, 1);
  }

  /**
   * A station of {@code servers} identical servers in front of one first-come-first-served queue.
   */
  public static Station queue(String name, int servers, double visits, double serviceSeconds) {
    return new Station(name, servers, visits, serviceSeconds, 1);
  }

  /** The same station, its visits forked into {@code branches} parallel branches and joined. */
  public Station forkedInto(int branches) {
    if (isLoadDependent()) {
      throw new IllegalArgumentException("the machine is not forked: " + name);
    }
    return new Station(name, servers, visits, serviceSeconds, branches);
  }

  /** Whether its rate follows a probed curve rather than a number of servers. */
  public boolean isLoadDependent() {
    return machine != null;
  }

  /**
   * How many times the rate of one request alone it serves {@code j} requests at: min(j, c / b) for
   * c servers taken b at a time, X₀(j) / X₀(1) for the machine.
   */
  public double speedUp(int j) {
    if (isLoadDependent()) {
      return machine.speedUp(j);
    }
    return isDelay() ? j : Math.min(j, (double) servers / branches);
  }

  /** D = V·S: the time one request holds a server of this station in all. */
  public double demandSeconds() {
    return visits * serviceSeconds;
  }

  /** Whether a request can ever wait here. */
  public boolean isDelay() {
    return servers == UNBOUNDED;
  }

  /**
   * The most requests per second it can serve: servers / demand (the utilisation law); for the
   * machine, the highest X₀ probed.
   */
  public double capacityPerSecond() {
    if (isLoadDependent()) {
      return machine.ceilingPerSecond();
    }
    return isDelay() || demandSeconds() == 0 ? Double.POSITIVE_INFINITY : servers / demandSeconds();
  }

  /** How busy it is at {@code throughput} requests a second: X over its capacity; 0 for a delay. */
  public double utilisation(double throughput) {
    return isDelay() ? 0 : throughput / capacityPerSecond();
  }

  /** How long one request spends here when nobody else is around: the branches overlap. */
  public double aloneSeconds() {
    return demandSeconds() / branches;
  }
}
