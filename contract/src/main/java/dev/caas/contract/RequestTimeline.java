package dev.caas.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * When each step of one request started and how long it took, for its {@code Server-Timing} header.
 * Safe to use from several threads at once: a gathered variant ends two steps concurrently.
 */
public final class RequestTimeline {
  private final long startNanos;
  private final List<ServerTiming.Metric> steps = new ArrayList<>(3);
  private final List<Step> begun = new ArrayList<>(3);

  private RequestTimeline(long startNanos) {
    this.startNanos = startNanos;
  }

  /** Starts the clock: call it first thing when a request arrives. */
  public static RequestTimeline start() {
    return new RequestTimeline(System.nanoTime());
  }

  /** A step under way; {@link #end()} records it. */
  public final class Span {
    private final Step step;
    private final long beganNanos;

    private Span(Step step) {
      this.step = step;
      this.beganNanos = System.nanoTime();
      synchronized (steps) {
        begun.add(step);
      }
    }

    public void end() {
      long endNanos = System.nanoTime();
      var metric =
          new ServerTiming.Metric(
              step.wireName(), millis(beganNanos - startNanos), millis(endNanos - beganNanos));
      synchronized (steps) {
        steps.add(metric);
      }
    }
  }

  /** Begins a step now; for code that cannot wrap the step in a lambda (reactive pipelines). */
  public Span begin(Step step) {
    return new Span(step);
  }

  /**
   * Runs a blocking step and records it when it returns (normally: a failed step has no timing).
   */
  public <T> T time(Step step, Supplier<T> work) {
    var span = begin(step);
    T result = work.get();
    span.end();
    return result;
  }

  /** Blocking step with no result. */
  public void time(Step step, Runnable work) {
    time(
        step,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * The step to blame when the request's deadline passes now: the last one begun that has not ended
   * (the first step if none has begun yet).
   */
  public Step unfinishedStep() {
    synchronized (steps) {
      for (int i = begun.size() - 1; i >= 0; i--) {
        String name = begun.get(i).wireName();
        if (steps.stream().noneMatch(metric -> metric.name().equals(name))) {
          return begun.get(i);
        }
      }
      return begun.isEmpty() ? Step.UPSTREAM : begun.getLast();
    }
  }

  /** The header value: the steps recorded so far, in order of start, and the total up to now. */
  public String serverTiming() {
    List<ServerTiming.Metric> snapshot;
    synchronized (steps) {
      snapshot = new ArrayList<>(steps);
    }
    snapshot.sort(Comparator.comparingDouble(ServerTiming.Metric::startMs));
    return ServerTiming.format(snapshot, millis(System.nanoTime() - startNanos));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
