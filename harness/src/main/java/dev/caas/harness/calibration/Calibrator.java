package dev.caas.harness.calibration;

import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.stats.LatencyStats;
import dev.caas.harness.stats.SteadyThroughput;
import dev.caas.harness.text.Millis;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.Provenance;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Measures the load generator against {@link DelayServer}, then {@code wrk} against the same
 * endpoints, in this order: the harness's ceiling at no latency, wrk's, the harness with {@code
 * inFlight} requests to the delayed endpoint, wrk's. Both generators share the machine with the
 * server, as they would in a bench.
 *
 * @param connections connections for the zero-latency ceiling
 * @param inFlight requests in flight against the delayed endpoint
 * @param delay the delayed endpoint's answer time
 * @param duration how long each of the four measurements lasts, roughly
 */
public record Calibrator(int connections, int inFlight, Duration delay, Duration duration) {
  /** Requests kept at most, whatever the rate: the samples are held in memory. */
  private static final int MAX_REQUESTS = 500_000;

  public Calibrator {
    if (connections < 1 || inFlight < 1 || !delay.isPositive() || !duration.isPositive()) {
      throw new IllegalArgumentException(
          "connections, in-flight, delay and duration must be positive");
    }
  }

  public Calibration run(Progress progress, Path projectFolder) throws IOException {
    Optional<String> wrk = Wrk.version();
    if (wrk.isEmpty()) {
      progress.warn("wrk is not installed (apt-get install wrk): calibrating the harness alone");
    }
    try (var server = new DelayServer(delay)) {
      URI url = server.url();
      progress.phase(
          "calibrate",
          "harness, "
              + connections
              + " connections, no delay, "
              + Millis.format(duration.toMillis()));
      double harnessMaxRps = harnessCeiling(url, progress);
      Wrk.Result wrkZero = null;
      if (wrk.isPresent()) {
        progress.phase("calibrate", "wrk, " + connections + " connections, no delay");
        wrkZero =
            Wrk.measure(url + DelayServer.ZERO, connections, duration, Duration.ofSeconds(10));
      }
      progress.phase(
          "calibrate",
          "harness, " + inFlight + " in flight, " + Millis.format(delay.toMillis()) + " delay");
      LatencyStats harnessDelayed = harnessInFlight(url, progress);
      Wrk.Result wrkDelayed = null;
      if (wrk.isPresent()) {
        progress.phase(
            "calibrate",
            "wrk, " + inFlight + " in flight, " + Millis.format(delay.toMillis()) + " delay");
        wrkDelayed =
            Wrk.measure(
                url + DelayServer.DELAY,
                inFlight,
                duration.plus(delay.multipliedBy(3)),
                delay.multipliedBy(10));
      }
      return new Calibration(
          OffsetDateTime.now(ZoneId.systemDefault())
              .truncatedTo(ChronoUnit.SECONDS)
              .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          Provenance.gitCommit(projectFolder),
          Runtime.getRuntime().availableProcessors(),
          Provenance.thisJdk(),
          connections,
          harnessMaxRps,
          wrkZero == null ? Double.NaN : wrkZero.requestsPerSecond(),
          inFlight,
          delay.toNanos() / 1e6,
          harnessDelayed.medianMs(),
          harnessDelayed.p99Ms(),
          wrkDelayed == null ? Double.NaN : wrkDelayed.p50Ms(),
          wrkDelayed == null ? Double.NaN : wrkDelayed.p99Ms(),
          wrk.orElse("not installed"));
    }
  }

  /**
   * Requests per second to {@code /zero}: a warm-up estimates the rate, then about {@code duration}
   * of it.
   */
  private double harnessCeiling(URI url, Progress progress) {
    try (var client = new RequestClient(url, connections, Duration.ofSeconds(30))) {
      List<Sample> warm =
          new ClosedLoop(connections, Math.max(5_000, 10 * connections))
              .run(client, DelayServer.ZERO, done -> {});
      double estimate = SteadyThroughput.of(warm);
      int requests =
          (int)
              Math.clamp(
                  (Double.isNaN(estimate) ? 1_000 : estimate) * duration.toMillis() / 1000,
                  1_000,
                  MAX_REQUESTS);
      List<Sample> samples =
          new ClosedLoop(connections, requests)
              .run(
                  client, DelayServer.ZERO, done -> progress.requests("calibrate", done, requests));
      long first = samples.stream().mapToLong(Sample::intendedStartNanos).min().orElse(0);
      long last = samples.stream().mapToLong(Sample::endNanos).max().orElse(0);
      long ok = samples.stream().filter(Sample::ok).count();
      return ok / ((last - first) / 1e9);
    }
  }

  /**
   * The latency of {@code inFlight} clients to {@code /delay}, after one round that opens every
   * connection.
   */
  private LatencyStats harnessInFlight(URI url, Progress progress) {
    try (var client = new RequestClient(url, inFlight, delay.multipliedBy(10).plusSeconds(30))) {
      new ClosedLoop(inFlight, inFlight).run(client, DelayServer.DELAY, done -> {});
      int rounds = (int) Math.max(3, duration.toMillis() / Math.max(1, delay.toMillis()));
      int requests = inFlight * rounds;
      List<Sample> samples =
          new ClosedLoop(inFlight, requests)
              .run(
                  client,
                  DelayServer.DELAY,
                  done -> progress.requests("calibrate", done, requests));
      return LatencyStats.of(LatencyStats.histogramOf(samples));
    }
  }
}
