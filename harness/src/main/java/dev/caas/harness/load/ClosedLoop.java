package dev.caas.harness.load;

import dev.caas.harness.text.Millis;
import dev.caas.harness.theory.Theory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * {@code clients} clients share {@code requests} requests; each sends its next one the moment its
 * previous one is answered, so at most {@code clients} are in flight and never fewer while requests
 * remain. This is the talk's load test (90 requests, 10 at a time).
 *
 * <p>A closed loop cannot overload a server: when answers slow down, so do the questions. Its
 * throughput is C / R by construction (Little's law), which is what {@link Theory} predicts
 * against.
 *
 * <p>A client is no thread and no publisher: the answer's callback, on the connection's event loop,
 * takes the next ticket and sends it, so a request costs the generator one {@link
 * RequestClient#send} and nothing else.
 *
 * <h2>A ramp, for many clients</h2>
 *
 * Started all at once, C clients stay in step: the injected latency is the same for every request,
 * so their answers come back together, C at a time, and each wave meets a processor busy with the
 * whole wave — a queue that clients arriving at random (what a queueing model and a real service
 * see) would not form. With {@code rampUp} the clients start one by one, evenly over it; the first
 * {@code clients} requests (one per client, as they start) are the ramp and are not measured
 * ({@link #measured}): only the {@code requests} after them, sent once every client is in the loop
 * with the phases the ramp spread. A ramp no longer than a response time ends before the first
 * measured request is sent. The ramp's requests are still real (billed, metered): {@link
 * #totalRequests()} counts them.
 *
 * @param rampUp how long the clients take to start, {@link Duration#ZERO} for all at once (the
 *     talk's test)
 */
public record ClosedLoop(int clients, int requests, Duration rampUp) implements Workload {

  public ClosedLoop {
    if (clients < 1 || requests < 0) {
      throw new IllegalArgumentException(
          "a closed loop needs at least one client and no negative requests");
    }
    Objects.requireNonNull(rampUp, "rampUp");
    if (rampUp.isNegative()) {
      throw new IllegalArgumentException("a ramp cannot be negative: " + rampUp);
    }
  }

  /** All clients at once, every request measured. */
  public ClosedLoop(int clients, int requests) {
    this(clients, requests, Duration.ZERO);
  }

  @Override
  public int connections() {
    return clients;
  }

  @Override
  public String describe() {
    return "closed loop, "
        + clients
        + (clients == 1 ? " client" : " clients")
        + (ramped() ? ", started over " + Millis.format(rampUp.toNanos() / 1e6) : "");
  }

  /** Whether the clients start one by one (and the first {@code clients} requests are a ramp). */
  public boolean ramped() {
    return rampUp.isPositive();
  }

  /** Requests sent in all: the measured ones and, when ramped, one per client before them. */
  @Override
  public int totalRequests() {
    return ramped() ? requests + clients : requests;
  }

  /** The samples {@link #run} returned, without the ramp's: those whose ticket is past it. */
  @Override
  public List<Sample> measured(List<Sample> all) {
    if (!ramped()) {
      return all;
    }
    return all.stream().filter(sample -> sample.index() >= clients).toList();
  }

  @Override
  public List<Sample> run(RequestClient client, String path, IntConsumer completed) {
    var run = new Run(client, path, completed, totalRequests());
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      if (ramped()) {
        long due = start + rampUp.toNanos() * c / clients;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      }
      run.sendNext();
    }
    run.awaitAll();
    return new ArrayList<>(Arrays.asList(run.samples()));
  }

  /**
   * One run's shared state: the tickets, and a sample per request in the order of its ticket.
   *
   * @param finished requests answered so far, for the progress callback
   */
  private record Run(
      RequestClient client,
      String path,
      IntConsumer completed,
      long runStart,
      Sample[] samples,
      AtomicInteger nextTicket,
      AtomicInteger finished,
      CountDownLatch allAnswered) {

    Run(RequestClient client, String path, IntConsumer completed, int requests) {
      this(
          client,
          path,
          completed,
          System.nanoTime(),
          new Sample[requests],
          new AtomicInteger(),
          new AtomicInteger(),
          new CountDownLatch(requests));
    }

    /** A client takes a ticket and sends; when no ticket is left, it stops. */
    void sendNext() {
      int index = nextTicket.getAndIncrement();
      if (index >= samples.length) {
        return;
      }
      client.send(
          path,
          exchange -> {
            samples[index] = exchange.toSample(index, runStart, exchange.issuedNanos());
            completed.accept(finished.incrementAndGet());
            allAnswered.countDown();
            sendNext();
          });
    }

    void awaitAll() {
      try {
        // Every request ends, answered or timed out by the client, so this wait is bounded.
        allAnswered.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the last answers", e);
      }
    }
  }
}
