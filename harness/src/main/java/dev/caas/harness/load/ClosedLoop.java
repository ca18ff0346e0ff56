package dev.caas.harness.load;

import dev.caas.harness.theory.Theory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public record ClosedLoop(int clients, int requests) implements Workload {

  public ClosedLoop {
    if (clients < 1 || requests < 0) {
      throw new IllegalArgumentException(
          "a closed loop needs at least one client and no negative requests");
    }
  }

  @Override
  public int connections() {
    return clients;
  }

  @Override
  public String describe() {
    return "closed loop, " + clients + (clients == 1 ? " client" : " clients");
  }

  @Override
  public List<Sample> run(RequestClient client, String path, IntConsumer completed) {
    var run = new Run(client, path, completed, requests);
    for (int c = 0; c < clients; c++) {
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
