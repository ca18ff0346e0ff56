package dev.caas.harness.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk}, the reference the harness's generator is calibrated against: run on the same
 * endpoint in the same process tree, its output parsed for requests per second and the latency
 * distribution.
 */
public final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);

  private Wrk() {}

  /**
   * What one wrk run reported.
   *
   * @param requestsPerSecond its {@code Requests/sec}
   * @param p50Ms its 50 % latency
   * @param p99Ms its 99 % latency
   */
  public record Result(double requestsPerSecond, double p50Ms, double p99Ms) {}

  /** {@code wrk}'s version line, or empty when it is not on the {@code PATH}. */
  public static Optional<String> version() {
    try {
      String output = run(List.of("wrk", "--version"), Duration.ofSeconds(10));
      return output.lines().findFirst().map(String::strip);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Runs {@code wrk --latency} with {@code connections} for {@code duration} against {@code url}.
   */
  public static Result measure(String url, int connections, Duration duration, Duration timeout)
      throws IOException {
    int threads = Math.min(connections, Runtime.getRuntime().availableProcessors());
    var command =
        new ArrayList<>(
            List.of(
                "wrk",
                "--latency",
                "-t" + threads,
                "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                Math.max(1, timeout.toSeconds()) + "s",
                url));
    return parse(run(command, duration.plus(timeout).plusSeconds(30)));
  }

  /** Reads wrk's report; throws when the figures are not in it. */
  static Result parse(String output) {
    Matcher rps = RPS.matcher(output);
    if (!rps.find()) {
      throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double ms = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    return new Result(Double.parseDouble(rps.group(1)), p50, p99);
  }

  private static double millis(double value, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      case "m" -> value * 60_000;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }

  private static String run(List<String> command, Duration limit) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + limit);
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running wrk", e);
    }
  }
}
