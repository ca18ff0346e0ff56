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
 */
public record Station(
    String name, int servers, double visits, double serviceSeconds, int branches) {

  /** The server count of a delay centre: nobody ever waits for a server. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public Station {
    if (servers < 1 || visits <= 0 || serviceSeconds < 0 || branches < 1) {
      throw new IllegalArgumentException("not a station: " + name);
    }
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
    return new Station(name, servers, visits, serviceSeconds, branches);
  }

  /** D = V·S: the time one request holds a server of this station in all. */
  public double demandSeconds() {
    return visits * serviceSeconds;
  }

  /** Whether a request can ever wait here. */
  public boolean isDelay() {
    return servers == UNBOUNDED;
  }

  /** The most requests per second it can serve: servers / demand (the utilisation law). */
  public double capacityPerSecond() {
    return isDelay() || demandSeconds() == 0 ? Double.POSITIVE_INFINITY : servers / demandSeconds();
  }

  /** How long one request spends here when nobody else is around: the branches overlap. */
  public double aloneSeconds() {
    return demandSeconds() / branches;
  }
}
