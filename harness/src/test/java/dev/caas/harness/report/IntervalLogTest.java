package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.RunResult;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.Sample;
import dev.caas.harness.load.ScenarioPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogTest {
  private static final ScenarioPoint TALK = BenchConfig.builder().build().points().getFirst();

  @Test
  void hdrhistograms_own_reader_reads_every_request_back_corrected_and_uncorrected(
      @TempDir Path folder) throws Exception {
    // 40 requests over 4 s, each meant to start 50 ms before it went out (an open loop running
    // late).
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < 40; i++) {
      long sent = TimeUnit.MILLISECONDS.toNanos(100L * i + 50);
      samples.add(
          new Sample(
              i,
              sent - TimeUnit.MILLISECONDS.toNanos(50),
              sent,
              sent + TimeUnit.MILLISECONDS.toNanos(200),
              200,
              10,
              "a.jpg",
              null,
              null));
    }
    RunResult run = TestRuns.run(Variant.SYNC_SEQUENTIAL, samples, TALK, 1);
    Path file = folder.resolve(IntervalLog.fileName(run, false, false));

    IntervalLog.write(run, TALK.describe(), file);

    List<EncodableHistogram> corrected = new ArrayList<>();
    List<EncodableHistogram> uncorrected = new ArrayList<>();
    var reader = new HistogramLogReader(file.toFile());
    for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
      (IntervalLog.UNCORRECTED_TAG.equals(h.getTag()) ? uncorrected : corrected).add(h);
    }
    assertThat(file.getFileName().toString()).isEqualTo("sync-sequential.hlog");
    assertThat(corrected).hasSizeGreaterThan(1).hasSameSizeAs(uncorrected);
    assertThat(reader.getStartTimeSec())
        .isEqualTo(run.started().getEpochSecond(), org.assertj.core.api.Assertions.within(1.0));
    Histogram total = sum(corrected);
    Histogram totalUncorrected = sum(uncorrected);
    assertThat(total.getTotalCount()).isEqualTo(40);
    assertThat(total.getValueAtPercentile(50) / 1e6).isBetween(249.0, 251.0);
    assertThat(totalUncorrected.getValueAtPercentile(50) / 1e6).isBetween(199.0, 201.0);
    assertThat(corrected.getLast().getEndTimeStamp())
        .isGreaterThan(corrected.getFirst().getStartTimeStamp());
  }

  @Test
  void sweeps_and_repeats_get_one_file_per_point_and_run() {
    ScenarioPoint third =
        BenchConfig.builder().scenario(Scenario.CONCURRENCY_SWEEP).build().points().get(2);
    RunResult run = TestRuns.run(Variant.LOOM_GATHERED, TestRuns.samples(10, 100), third, 2);

    assertThat(IntervalLog.fileName(run, true, true)).isEqualTo("loom-gathered-point3-run2.hlog");
  }

  @Test
  void intervals_are_a_tenth_of_the_run_within_a_tenth_of_a_second_and_a_second() {
    assertThat(IntervalLog.intervalNanos(List.of(endingAt(500))))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(IntervalLog.intervalNanos(List.of(endingAt(4_000))))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    assertThat(IntervalLog.intervalNanos(List.of(endingAt(600_000))))
        .isEqualTo(TimeUnit.SECONDS.toNanos(1));
  }

  private static Sample endingAt(long millis) {
    return new Sample(0, 0, 0, TimeUnit.MILLISECONDS.toNanos(millis), 200, 1, "a.jpg", null, null);
  }

  private static Histogram sum(List<EncodableHistogram> histograms) {
    var sum = new Histogram(3);
    histograms.forEach(h -> sum.add((Histogram) h));
    return sum;
  }
}
