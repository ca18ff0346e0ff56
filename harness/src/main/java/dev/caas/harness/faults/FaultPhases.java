package dev.caas.harness.faults;

import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.LeavingClient;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import dev.caas.testbed.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A fault run's load: {@code clients} closed-loop clients send one request after another for three
 * equal phases. The fault is injected as the second phase begins and healed as the third begins, so
 * the run holds requests answered before the fault, while it lasts and after it is gone: "the
 * database proxy down mid-run, then restored".
 *
 * <p>For {@link Fault#CLIENT_ABORT} nothing is injected into the testbed: while the fault lasts,
 * the odd-numbered clients leave right after sending their request instead ({@link Leaving}), and
 * healing means they stay again.
 *
 * <p>Unlike {@link ClosedLoop}, the run is timed, not counted: a fault that makes every answer wait
 * for the deadline must not stretch the phases, or "during" would last as long as the fault's
 * answers are slow.
 *
 * @param phase how long each of the three phases lasts
 */
public record FaultPhases(int clients, Duration phase) {

  public FaultPhases {
    if (clients < 1 || !phase.isPositive()) {
      throw new IllegalArgumentException(
          "a fault run needs at least one client and a positive phase");
    }
  }

  public Duration duration() {
    return phase.multipliedBy(3);
  }

  /** {@code closed loop, 4 clients for 3.6 s: fault injected at 1.2 s, healed at 2.4 s}. */
  public String describe() {
    return "closed loop, "
        + clients
        + (clients == 1 ? " client" : " clients")
        + " for "
        + Millis.format(duration().toMillis())
        + ": fault injected at "
        + Millis.format(phase.toMillis())
        + ", healed at "
        + Millis.format(phase.multipliedBy(2).toMillis());
  }

  /**
   * What the run saw. Millis are nanoseconds from the run's start, as in {@link Sample}.
   *
   * @param samples every request, in order of index
   * @param injectedNanos when injecting the fault began
   * @param healedNanos when it was gone again
   */
  public record Result(List<Sample> samples, long injectedNanos, long healedNanos) {}

  /** A fault in place; closing it heals it (see {@code Fault.Injected}). */
  @FunctionalInterface
  public interface Injection {
    AutoCloseable inject() throws Exception;
  }

  /**
   * Sends requests for {@link #duration()}, injecting the fault after one phase and healing it
   * after two; waits for the last answer. The fault is healed even when the load fails.
   *
   * @throws IllegalStateException when the fault could not be injected or healed
   */
  public Result run(RequestClient client, String path, Injection injection, IntConsumer completed) {
    return run(client, path, false, injection, completed);
  }

  /**
   * The same for one fault of the catalogue: when it is {@link Fault#abortsClients() the clients'
   * own}, every other client (the odd-numbered ones) leaves instead while it lasts, as {@link
   * Leaving} says.
   */
  public Result run(
      RequestClient client, String path, Fault fault, Injection injection, IntConsumer completed) {
    return run(client, path, fault.abortsClients(), injection, completed);
  }

  private Result run(
      RequestClient client,
      String path,
      boolean clientsLeave,
      Injection injection,
      IntConsumer completed) {
    long runStart = System.nanoTime();
    long stopAt = runStart + duration().toNanos();
    var fault = new FaultThread(runStart, injection);
    var leaving = clientsLeave ? new Leaving(new LeavingClient(client.baseUrl()), fault) : null;
    fault.thread.start();
    List<Sample> samples;
    try {
      var nextTicket = new AtomicInteger();
      var finished = new AtomicInteger();
      samples =
          new ArrayList<>(
              Flux.range(0, clients)
                  .flatMap(
                      c ->
                          oneClient(
                              client,
                              path,
                              runStart,
                              stopAt,
                              nextTicket,
                              c % 2 == 1 ? leaving : null),
                      clients)
                  .doOnNext(sample -> completed.accept(finished.incrementAndGet()))
                  .collectList()
                  .block());
    } finally {
      fault.awaitHealed();
    }
    samples.sort(Comparator.comparingInt(Sample::index));
    return new Result(samples, fault.injectedAt - runStart, fault.healedAt - runStart);
  }

  /**
   * One closed-loop client; with {@code leaving}, it leaves instead of waiting for its answer
   * whenever the fault lasts.
   */
  private Flux<Sample> oneClient(
      RequestClient client,
      String path,
      long runStart,
      long stopAt,
      AtomicInteger nextTicket,
      Leaving leaving) {
    var typicalAnswer = new AtomicLong(Leaving.FIRST_GUESS.toNanos());
    return Mono.defer(
            () -> {
              if (System.nanoTime() >= stopAt) {
                return Mono.<Sample>empty();
              }
              int index = nextTicket.getAndIncrement();
              Mono<Sample> stay =
                  Mono.defer(() -> client.get(path))
                      .map(exchange -> exchange.toSample(index, runStart, exchange.issuedNanos()))
                      .doOnNext(
                          sample -> {
                            if (sample.ok()) {
                              typicalAnswer.set(sample.serviceNanos());
                            }
                          });
              if (leaving != null && leaving.fault.lasting) {
                return leaving
                    .leave(index, runStart, path, Duration.ofNanos(typicalAnswer.get()))
                    .switchIfEmpty(stay);
              }
              return stay;
            })
        .repeat(() -> System.nanoTime() < stopAt);
  }

  /**
   * How a leaving client leaves: its requests take turns at the four ways of the issue that found
   * the bug, FIN or RST, at once or halfway through the client's last answer time (while the
   * variant waits on the upstream or the database). After leaving it waits out the rest of that
   * answer time, so it sends no faster than a client that stays; a client that left in a tight loop
   * would be a flood, another fault.
   */
  private record Leaving(LeavingClient client, FaultThread fault, AtomicInteger turn) {
    /** A client's answer time before it has had an answer. */
    static final Duration FIRST_GUESS = Duration.ofMillis(50);

    Leaving(LeavingClient client, FaultThread fault) {
      this(client, fault, new AtomicInteger());
    }

    /**
     * Leaves, or, when the fault was healed before the connection was open, completes empty without
     * sending: the client then stays like any other.
     */
    Mono<Sample> leave(int index, long runStart, String path, Duration typicalAnswer) {
      int way = turn.getAndIncrement() % 4;
      var close = way % 2 == 0 ? LeavingClient.Close.FIN : LeavingClient.Close.RST;
      Duration after = way < 2 ? Duration.ZERO : typicalAnswer.dividedBy(2);
      return Mono.fromCallable(
              () -> {
                var left =
                    client.leaveWhile(() -> fault.lasting, index, runStart, path, close, after);
                if (left.isPresent()) {
                  sleepUntil(runStart + left.get().startNanos() + typicalAnswer.toNanos());
                }
                return left.orElse(null);
              })
          .subscribeOn(Schedulers.boundedElastic());
    }
  }

  /**
   * Injects at one phase, heals at two, on its own thread so that the load's event loops never
   * block on it.
   */
  private final class FaultThread {
    final Thread thread;
    final long runStart;
    final Injection injection;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Whether the fault is in place: from its injection to the moment healing begins. */
    volatile boolean lasting;

    volatile long injectedAt;
    volatile long healedAt;

    FaultThread(long runStart, Injection injection) {
      this.runStart = runStart;
      this.injection = injection;
      this.thread = Thread.ofPlatform().name("caas-fault").daemon().unstarted(this::injectThenHeal);
    }

    private void injectThenHeal() {
      AutoCloseable injected;
      try {
        sleepUntil(runStart + phase.toNanos());
        // Taken before injecting: injecting takes a while (a proxy disabled closes its
        // connections, then its API answers), and a request it fails meanwhile failed during it.
        injectedAt = System.nanoTime();
        injected = injection.inject();
        lasting = true;
      } catch (Throwable e) {
        failure.set(new IllegalStateException("could not inject the fault: " + e.getMessage(), e));
        return;
      }
      try {
        sleepUntil(runStart + phase.multipliedBy(2).toNanos());
      } catch (InterruptedException e) {
        // Heal at once: a fault must never outlive its run.
      }
      lasting = false;
      try {
        injected.close();
        healedAt = System.nanoTime();
      } catch (Throwable e) {
        failure.set(new IllegalStateException("could not heal the fault: " + e.getMessage(), e));
      }
    }

    void awaitHealed() {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          thread.interrupt();
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e != null) {
        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  /** For the run's samples: which phase a request belongs to. */
  public enum Phase {
    /** Answered before the fault was injected. */
    BEFORE,
    /** In flight at some moment while the fault lasted. */
    DURING,
    /** Sent after the fault was healed. */
    AFTER;

    public static Phase of(Sample sample, long injectedNanos, long healedNanos) {
      if (sample.endNanos() < injectedNanos) {
        return BEFORE;
      }
      return sample.startNanos() >= healedNanos ? AFTER : DURING;
    }

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
