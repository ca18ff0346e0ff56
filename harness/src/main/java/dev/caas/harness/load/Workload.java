package dev.caas.harness.load;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * How requests are sent: the load model.
 *
 * <ul>
 *   <li>{@link ClosedLoop}: C clients, each sends its next request when its previous one is
 *       answered. A slow server slows the clients down, so latency and throughput are tied: X = C /
 *       R.
 *   <li>{@link OpenLoop}: requests arrive on a fixed schedule whatever the server does, as users of
 *       a public service do. Latency counts from the scheduled start, so time spent waiting to send
 *       is not hidden.
 * </ul>
 */
public sealed interface Workload permits ClosedLoop, OpenLoop {

  /** Requests in the run: those measured. */
  int requests();

  /** Requests sent, measured or not (a closed loop's ramp): what the service answers and bills. */
  default int totalRequests() {
    return requests();
  }

  /**
   * Over how long the load starts ({@link ClosedLoop}'s ramp); zero when it starts at once, and
   * then every request is measured.
   */
  default Duration rampUp() {
    return Duration.ZERO;
  }

  /** Of the samples {@link #run} returned, those measured: all of them unless there is a ramp. */
  default List<Sample> measured(List<Sample> all) {
    return all;
  }

  /** Connections the client needs: the most requests this workload puts on the wire at once. */
  int connections();

  /** One line for reports, e.g. {@code closed loop, 10 clients}. */
  String describe();

  /**
   * Sends {@link #totalRequests()} requests of {@code GET path} and waits for all of them.
   *
   * @param completed told the number of requests finished so far, from the client's threads
   * @return one sample per request sent, in order of {@link Sample#index()}
   */
  List<Sample> run(RequestClient client, String path, IntConsumer completed);
}
