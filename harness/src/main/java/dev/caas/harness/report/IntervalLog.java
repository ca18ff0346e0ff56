package dev.caas.harness.report;

import dev.caas.harness.bench.RunResult;
import dev.caas.harness.load.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A run's latencies as an HdrHistogram interval log ({@code .hlog}), the format of jHiccup and
 * wrk2's tooling: one histogram per interval of the run, so {@code HistogramLogProcessor} can plot
 * percentiles over time and show a stall that a whole-run median hides.
 *
 * <p>Two histograms per interval: untagged, latency from each request's intended start (corrected
 * for coordinated omission, the figure the reports use); tagged {@code uncorrected}, latency from
 * the moment it went out. Values are nanoseconds, as jHiccup writes them, so the processor's
 * default unit ratio prints milliseconds: {@code java -cp HdrHistogram.jar
 * org.HdrHistogram.HistogramLogProcessor -i run.hlog} (add {@code -tag uncorrected} for the other
 * one). A request belongs to the interval in which it ended.
 */
public final class IntervalLog {
  public static final String UNCORRECTED_TAG = "uncorrected";
  private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

  private IntervalLog() {}

  /**
   * {@code sync-sequential.hlog}, or {@code sync-sequential-point3-run2.hlog} in a sweep or with a
   * repeat.
   */
  public static String fileName(RunResult run, boolean severalPoints, boolean severalRuns) {
    String name = run.variant().wireName();
    if (severalPoints && run.point() != null) {
      name += "-point" + (run.point().index() + 1);
    }
    if (severalRuns) {
      name += "-run" + run.repetition();
    }
    return name + ".hlog";
  }

  /** The interval length: a tenth of the run, in whole 100 ms, between 100 ms and 1 s. */
  static long intervalNanos(List<Sample> samples) {
    long end = samples.stream().mapToLong(Sample::endNanos).max().orElse(0);
    long tenth = end / 10;
    long step = TimeUnit.MILLISECONDS.toNanos(100);
    long rounded = (tenth + step - 1) / step * step;
    return Math.clamp(rounded, step, TimeUnit.SECONDS.toNanos(1));
  }

  /** Writes the run's log to {@code file}. */
  public static void write(RunResult run, String description, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    long startMillis = run.started() == null ? 0 : run.started().toEpochMilli();
    long interval = intervalNanos(run.samples());
    var corrected = intervals(run.samples(), interval, Sample::latencyNanos);
    var uncorrected = intervals(run.samples(), interval, Sample::serviceNanos);
    try (var out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      var writer = new HistogramLogWriter(out);
      writer.outputComment(
          "caas bench: "
              + run.variant().wireName()
              + ", "
              + description
              + ", run "
              + run.repetition());
      writer.outputComment(
          "values in nanoseconds; untagged: from the intended start (corrected), tag "
              + UNCORRECTED_TAG
              + ": from the actual send");
      writer.outputLogFormatVersion();
      writer.outputStartTime(startMillis);
      writer.setBaseTime(startMillis);
      writer.outputLegend();
      for (var entry : corrected.entrySet()) {
        output(writer, entry.getValue(), startMillis, entry.getKey(), interval, null);
        output(
            writer,
            uncorrected.get(entry.getKey()),
            startMillis,
            entry.getKey(),
            interval,
            UNCORRECTED_TAG);
      }
    }
  }

  private static void output(
      HistogramLogWriter writer,
      Histogram histogram,
      long startMillis,
      long slot,
      long interval,
      String tag) {
    histogram.setStartTimeStamp(startMillis + TimeUnit.NANOSECONDS.toMillis(slot * interval));
    histogram.setEndTimeStamp(startMillis + TimeUnit.NANOSECONDS.toMillis((slot + 1) * interval));
    histogram.setTag(tag);
    writer.outputIntervalHistogram(histogram);
  }

  /**
   * Interval number to histogram, every interval from the first to the last present (empty ones
   * too).
   */
  private static TreeMap<Long, Histogram> intervals(
      List<Sample> samples, long interval, ToLongFunction<Sample> nanos) {
    var histograms = new TreeMap<Long, Histogram>();
    long last = samples.stream().mapToLong(Sample::endNanos).max().orElse(0) / interval;
    for (long slot = 0; slot <= last; slot++) {
      histograms.put(slot, new Histogram(HIGHEST_NANOS, 3));
    }
    for (Sample sample : samples) {
      if (sample.ok()) {
        long slot = Math.max(0, sample.endNanos()) / interval;
        histograms.get(slot).recordValue(Math.clamp(nanos.applyAsLong(sample), 1, HIGHEST_NANOS));
      }
    }
    return histograms;
  }
}
