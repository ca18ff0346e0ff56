package dev.caas.harness.faults;

import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.Millis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fault run's load: {@code clients} closed-loop clients send one request after another for three
 * equal phases. The fault is injected as the second phase begins and healed as the third begins, so
 * the run holds requests answered before the fault, while it lasts and after it is gone: "the
 * database proxy down mid-run, then restored".
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
   * @param injectedNanos when the fault was in place
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
    long runStart = System.nanoTime();
    long stopAt = runStart + duration().toNanos();
    var fault = new FaultThread(runStart, injection);
    fault.thread.start();
    List<Sample> samples;
    try {
      var nextTicket = new AtomicInteger();
      var finished = new AtomicInteger();
      samples =
          new ArrayList<>(
              Flux.range(0, clients)
                  .flatMap(c -> oneClient(client, path, runStart, stopAt, nextTicket), clients)
                  .doOnNext(sample -> completed.accept(finished.incrementAndGet()))
                  .collectList()
                  .block());
    } finally {
      fault.awaitHealed();
    }
    samples.sort(Comparator.comparingInt(Sample::index));
    return new Result(samples, fault.injectedAt - runStart, fault.healedAt - runStart);
  }

  private Flux<Sample> oneClient(
      RequestClient client, String path, long runStart, long stopAt, AtomicInteger nextTicket) {
    return Mono.defer(
            () -> {
              if (System.nanoTime() >= stopAt) {
                return Mono.<Sample>empty();
              }
              int index = nextTicket.getAndIncrement();
              return client
                  .get(path)
                  .map(exchange -> exchange.toSample(index, runStart, exchange.issuedNanos()));
            })
        .repeat(() -> System.nanoTime() < stopAt);
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
        injected = injection.inject();
        injectedAt = System.nanoTime();
      } catch (Throwable e) {
        failure.set(new IllegalStateException("could not inject the fault: " + e.getMessage(), e));
        return;
      }
      try {
        sleepUntil(runStart + phase.multipliedBy(2).toNanos());
      } catch (InterruptedException e) {
        // Heal at once: a fault must never outlive its run.
      }
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
