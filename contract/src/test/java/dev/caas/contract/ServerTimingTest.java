package dev.caas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

  @Test
  void formats_steps_with_start_offsets_and_a_total() {
    String header =
        ServerTiming.format(
            List.of(
                new ServerTiming.Metric("upstream", 0, 100.44),
                new ServerTiming.Metric("billing", 100.6, 100.9)),
            201.94);
    assertThat(header)
        .isEqualTo("upstream;start=0.0;dur=100.4, billing;start=100.6;dur=100.9, total;dur=201.9");
  }

  @Test
  void parses_what_it_formats() {
    var metrics =
        ServerTiming.parse(
            "upstream;start=0.0;dur=100.4, billing;start=100.6;dur=100.9, name;start=100.6;dur=101.2, total;dur=201.9");
    assertThat(metrics)
        .extracting(ServerTiming.Metric::name)
        .containsExactly("upstream", "billing", "name", "total");
    var name = ServerTiming.find(metrics, "name");
    assertThat(name.startMs()).isEqualTo(100.6);
    assertThat(name.endMs()).isCloseTo(201.8, within(1e-9));
    assertThat(ServerTiming.find(metrics, "total").hasStart()).isFalse();
  }

  @Test
  void ignores_parameters_it_does_not_know_as_browsers_do() {
    var metrics = ServerTiming.parse("db;desc=\"Database\";dur=53, cache;desc=hit");
    assertThat(metrics)
        .containsExactly(
            new ServerTiming.Metric("db", Double.NaN, 53),
            new ServerTiming.Metric("cache", Double.NaN, 0));
  }

  @Test
  void a_timeline_reports_steps_in_order_of_start() throws InterruptedException {
    var timeline = RequestTimeline.start();
    var billing = timeline.begin(Step.BILLING);
    timeline.time(Step.UPSTREAM, () -> sleep(5));
    billing.end();
    var metrics = ServerTiming.parse(timeline.serverTiming());
    assertThat(metrics)
        .extracting(ServerTiming.Metric::name)
        .containsExactly("billing", "upstream", "total");
    assertThat(ServerTiming.find(metrics, "upstream").durationMs()).isGreaterThanOrEqualTo(4.5);
    assertThat(ServerTiming.find(metrics, "total").durationMs())
        .isGreaterThanOrEqualTo(ServerTiming.find(metrics, "billing").durationMs());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
