package dev.caas.harness.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostPaceTest {

  @Test
  void a_reading_is_the_median_cpu_time_of_the_jobs_that_ended_in_the_window() throws Exception {
    try (HostPace pace = HostPace.every(Duration.ofMillis(5))) {
      long from = System.nanoTime();
      awaitSamples(pace, 12);

      var reading = pace.between(from, System.nanoTime()).orElseThrow();

      assertThat(reading.samples()).isGreaterThanOrEqualTo(HostPace.FEWEST_SAMPLES);
      // Half a millisecond here; far less than the window, far more than nothing.
      assertThat(reading.medianMicros()).isBetween(1.0, 1_000_000.0);
      assertThat(reading.describe()).endsWith(" µs (" + reading.samples() + " jobs)");
    }
  }

  @Test
  void a_window_in_which_too_few_jobs_ended_has_no_reading() throws Exception {
    try (HostPace pace = HostPace.every(Duration.ofMillis(5))) {
      awaitSamples(pace, 4);
      long now = System.nanoTime();

      assertThat(pace.between(now, now)).isEmpty();
      assertThat(
              pace.between(
                  now - Duration.ofHours(2).toNanos(), now - Duration.ofHours(1).toNanos()))
          .isEmpty();
    }
  }

  @Test
  void the_job_does_the_same_work_every_time() {
    var one = new HostPace.Job();
    var other = new HostPace.Job();

    one.run();
    other.run();

    assertThat(one.checksum()).isEqualTo(other.checksum()).isNotZero();
    one.run();
    assertThat(one.checksum()).isEqualTo(2 * other.checksum());
  }

  @Test
  void a_closed_pace_stops_timing() throws Exception {
    HostPace pace = HostPace.every(Duration.ofMillis(5));
    awaitSamples(pace, 2);
    pace.close();
    Thread.sleep(50);
    int stopped = pace.sampleCount();

    Thread.sleep(100);

    assertThat(pace.sampleCount()).isEqualTo(stopped);
  }

  private static void awaitSamples(HostPace pace, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (pace.sampleCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pace.sampleCount()).as("jobs timed within 30 s").isGreaterThanOrEqualTo(count);
  }
}
