package dev.caas.jmh;

import static dev.caas.contract.Step.BILLING;
import static dev.caas.contract.Step.NAME;
import static dev.caas.contract.Step.UPSTREAM;

import dev.caas.contract.DogPhoto;
import dev.caas.contract.RequestTimeline;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The request's three steps with the waiting taken out: each one burns {@code tokens} of CPU
 * ({@link Blackhole#consumeCPU}) and returns what the real step returns. Benchmarks 01 to 03
 * compose these same three calls in each model's way, so the only thing that differs between them
 * is the composition.
 *
 * <p>Two sizes: {@code 10} tokens is a few nanoseconds, so the score is nearly all composition
 * overhead; {@code 10000} tokens is some tens of microseconds per step, enough work for running two
 * steps on two cores to pay back the hand-off, when two cores are free.
 */
@State(Scope.Benchmark)
public class ThreeSteps {

  @Param({"10", "10000"})
  public long tokens;

  private static final DogPhoto PHOTO = new DogPhoto("dog-01.jpg", new byte[0]);

  /** 1. upstream: in the real service an HTTP call; the upstream says which file it is. */
  public DogPhoto upstream() {
    Blackhole.consumeCPU(tokens);
    return PHOTO;
  }

  /** 2. billing: in the real service an INSERT; returns the rows written, as R2DBC does. */
  public long billing(DogPhoto photo) {
    Blackhole.consumeCPU(tokens);
    return photo.filename().length() > 0 ? 1 : 0;
  }

  /** 3. name: in the real service a SELECT by file name. */
  public String name(DogPhoto photo) {
    Blackhole.consumeCPU(tokens);
    return photo.filename().isEmpty() ? "nobody" : "Rex";
  }

  /**
   * The three steps called one after another with nothing around them: every benchmark's baseline.
   */
  public Served untimed() {
    DogPhoto photo = upstream();
    billing(photo);
    String dogName = name(photo);
    return new Served(photo, dogName, null);
  }

  /**
   * The sequential handler of sync-impl and loom-impl (the same code in both), {@link
   * RequestTimeline} included: what 01 and 03 gather against.
   */
  public Served timedSequential() {
    var timeline = RequestTimeline.start();
    // 1. upstream
    DogPhoto photo = timeline.time(UPSTREAM, this::upstream);
    // 2. billing
    timeline.time(BILLING, () -> billing(photo));
    // 3. name
    String dogName = timeline.time(NAME, () -> name(photo));
    return new Served(photo, dogName, timeline);
  }

  /**
   * What a handler answers: the photo, the dog's name and its Server-Timing ({@code null} in
   * baselines).
   */
  public record Served(DogPhoto photo, String dogName, RequestTimeline timeline) {}
}
