package dev.caas.harness.bench;

import dev.caas.harness.faults.FaultRun;
import dev.caas.harness.theory.Theory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a bench varies, and so what its report draws.
 *
 * <ul>
 *   <li>{@link #TALK}: one point, the talk's load test (by default 90 requests from 10 clients, 100
 *       ms on both proxies).
 *   <li>{@link #LATENCY_SWEEP}: the same load at several latencies; T grows with L, and a
 *       sequential variant grows twice as fast with the database's latency as a gathered one.
 *   <li>{@link #CONCURRENCY_SWEEP}: the same latency with more and more clients; throughput grows
 *       as C / T until a resource runs out, then stays flat while latency grows as C / X (see
 *       {@link Theory}).
 *   <li>{@link #OVERLOAD}: the talk's single point with 2,000 clients sending one request each at
 *       200 ms on both proxies, and a database pool of 100: far more requests at once than any
 *       pool, so it shows who queues them (Loom, reactive: every request waits its turn, none
 *       fails) and who refuses them (sync: its bounded queue answers 503 at once).
 *   <li>{@link #FAULTS}: for each variant and each {@link dev.caas.testbed.Fault}, a short closed
 *       loop with the fault injected at a third of the run and healed at two thirds; then pools
 *       must be idle, the next request a 200 and the books balanced (see {@link FaultRun}).
 * </ul>
 */
public enum Scenario {
  TALK(Defaults.TALK),
  LATENCY_SWEEP(Defaults.TALK),
  CONCURRENCY_SWEEP(Defaults.TALK),
  OVERLOAD(new Defaults(2000, Duration.ofMillis(200), 300, 100, null)),
  FAULTS(new Defaults(4, Duration.ofMillis(20), 100, null, Duration.ofSeconds(1)));

  /**
   * What a scenario assumes for the options not given on the command line.
   *
   * @param clients closed-loop clients
   * @param latency on both proxies
   * @param warmup requests before measuring
   * @param dbPool the variants' database pool; {@code null}: their own default
   * @param deadline the variants' request deadline; {@code null}: their own default
   */
  public record Defaults(
      int clients, Duration latency, int warmup, Integer dbPool, Duration deadline) {
    static final Defaults TALK = new Defaults(10, Duration.ofMillis(100), 300, null, null);

    /** The talk's 90 requests, or one per client when there are more clients than that. */
    public int requests(int clients) {
      return Math.max(90, clients);
    }
  }

  private final Defaults defaults;

  Scenario(Defaults defaults) {
    this.defaults = defaults;
  }

  public Defaults defaults() {
    return defaults;
  }

  /**
   * {@code talk}, {@code latency-sweep}, {@code concurrency-sweep}, {@code overload}, {@code
   * faults}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Scenario parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + text
                        + "': expected one of "
                        + Arrays.stream(values())
                            .map(Scenario::wireName)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * Where a sweep injects its latency.
   *
   * <ul>
   *   <li>{@link #UPSTREAM_ONLY}: only step 1 waits, so a request holds no database connection for
   *       long and the thread limit shows alone: sync saturates at threads / T, Loom and reactive
   *       do not.
   *   <li>{@link #BOTH}: both proxies; every request holds a pooled connection for 2·L_d, and the
   *       pool limit shows for everyone: virtual threads do not create database connections.
   * </ul>
   */
  public enum Flavour {
    UPSTREAM_ONLY,
    BOTH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Flavour parse(String text) {
      return Arrays.stream(values())
          .filter(f -> f.wireName().equalsIgnoreCase(text.trim()))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown flavour '" + text + "': expected upstream-only or both"));
    }
  }
}
