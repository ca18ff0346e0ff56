package dev.caas.harness.load;

import dev.caas.harness.text.Millis;
import java.time.Duration;
import java.util.Objects;

/**
 * The latency toxics of one measured phase: a round-trip latency and a jitter on each proxy. Jitter
 * is Toxiproxy's: each delay is drawn uniformly from latency ± jitter.
 *
 * @param upstream on the {@code upstream} proxy (step 1)
 * @param upstreamJitter ± on the {@code upstream} proxy
 * @param postgres on the {@code postgres} proxy (steps 2 and 3)
 * @param postgresJitter ± on the {@code postgres} proxy
 */
public record InjectedLatency(
    Duration upstream, Duration upstreamJitter, Duration postgres, Duration postgresJitter) {

  public static final InjectedLatency NONE =
      new InjectedLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public InjectedLatency {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(upstreamJitter, "upstreamJitter");
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(postgresJitter, "postgresJitter");
    if (upstream.isNegative()
        || upstreamJitter.isNegative()
        || postgres.isNegative()
        || postgresJitter.isNegative()) {
      throw new IllegalArgumentException("latency and jitter cannot be negative");
    }
  }

  /** Latency on both proxies, no jitter. */
  public static InjectedLatency both(Duration latency) {
    return new InjectedLatency(latency, Duration.ZERO, latency, Duration.ZERO);
  }

  /**
   * Over how long a closed loop of many clients starts them ({@link ClosedLoop}): the shortest path
   * of a request through both proxies, one upstream call and one database round trip (a gathered
   * handler's; a sequential one's is a database round trip longer). Started over that long, the
   * clients' requests are spread over about one response time.
   */
  public Duration rampUp() {
    return upstream.plus(postgres);
  }

  /** No jitter anywhere. */
  public boolean steady() {
    return upstreamJitter.isZero() && postgresJitter.isZero();
  }

  /** E.g. {@code upstream 100 ms ± 10 ms, postgres 0.0 ms}. */
  public String describe() {
    return "upstream "
        + withJitter(upstream, upstreamJitter)
        + ", postgres "
        + withJitter(postgres, postgresJitter);
  }

  private static String withJitter(Duration latency, Duration jitter) {
    return Millis.format(millis(latency))
        + (jitter.isZero() ? "" : " ± " + Millis.format(millis(jitter)));
  }

  public static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
