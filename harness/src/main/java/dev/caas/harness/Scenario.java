package dev.caas.harness;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a bench varies, and so what its report draws.
 *
 * <ul>
 *   <li>{@link #TALK}: one point, the talk's load test (by default 90 requests from 10 clients, 100 ms on both
 *       proxies).
 *   <li>{@link #LATENCY_SWEEP}: the same load at several latencies; T grows with L, and a sequential variant
 *       grows twice as fast with the database's latency as a gathered one.
 *   <li>{@link #CONCURRENCY_SWEEP}: the same latency with more and more clients; throughput grows as C / T
 *       until a resource runs out, then stays flat while latency grows as C / X (see {@link Theory}).
 * </ul>
 */
public enum Scenario {
  TALK,
  LATENCY_SWEEP,
  CONCURRENCY_SWEEP;

  /** {@code talk}, {@code latency-sweep}, {@code concurrency-sweep}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Scenario parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text + "': expected one of "
            + Arrays.stream(values()).map(Scenario::wireName).collect(Collectors.joining(", "))));
  }

  /**
   * Where a sweep injects its latency.
   *
   * <ul>
   *   <li>{@link #UPSTREAM_ONLY}: only step 1 waits, so a request holds no database connection for long and
   *       the thread limit shows alone: sync saturates at threads / T, Loom and reactive do not.
   *   <li>{@link #BOTH}: both proxies; every request holds a pooled connection for 2·L_d, and the pool limit
   *       shows for everyone: virtual threads do not create database connections.
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
          .orElseThrow(() -> new IllegalArgumentException(
              "unknown flavour '" + text + "': expected upstream-only or both"));
    }
  }
}
