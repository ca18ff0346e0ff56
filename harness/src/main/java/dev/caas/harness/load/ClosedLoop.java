package dev.caas.harness.load;

import dev.caas.harness.theory.Theory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code clients} clients share {@code requests} requests; each sends its next one the moment its
 * previous one is answered, so at most {@code clients} are in flight and never fewer while requests
 * remain. This is the talk's load test (90 requests, 10 at a time).
 *
 * <p>A closed loop cannot overload a server: when answers slow down, so do the questions. Its
 * throughput is C / R by construction (Little's law), which is what {@link Theory} predicts
 * against.
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
    long runStart = System.nanoTime();
    var nextTicket = new AtomicInteger();
    var finished = new AtomicInteger();
    List<Sample> samples =
        new ArrayList<>(
            Flux.range(0, clients)
                .flatMap(c -> oneClient(client, path, runStart, nextTicket), clients)
                .doOnNext(sample -> completed.accept(finished.incrementAndGet()))
                .collectList()
                .block());
    samples.sort(Comparator.comparingInt(Sample::index));
    return samples;
  }

  /** One client: take a ticket, send, wait for the answer, repeat while tickets remain. */
  private Flux<Sample> oneClient(
      RequestClient client, String path, long runStart, AtomicInteger nextTicket) {
    return Mono.defer(
            () -> {
              int index = nextTicket.getAndIncrement();
              if (index >= requests) {
                return Mono.<Sample>empty();
              }
              return client
                  .get(path)
                  .map(exchange -> exchange.toSample(index, runStart, exchange.issuedNanos()));
            })
        .repeat(() -> nextTicket.get() < requests);
  }
}
