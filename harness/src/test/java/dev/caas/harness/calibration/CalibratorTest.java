package dev.caas.harness.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.cli.CalibrateCommand;
import dev.caas.harness.text.Progress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short real calibration: the harness and, where it is installed, wrk against the same loopback
 * server.
 */
class CalibratorTest {

  @Test
  void measures_the_harness_beside_wrk_on_the_same_endpoints() throws Exception {
    Calibration calibration =
        new Calibrator(8, 100, Duration.ofMillis(200), Duration.ofSeconds(1))
            .run(Progress.SILENT, Path.of("").toAbsolutePath());

    assertThat(calibration.harnessMaxRps()).isGreaterThan(100);
    assertThat(calibration.inFlight()).isEqualTo(100);
    // A request to the delayed endpoint takes at least its delay, and the generator may add to it,
    // not remove.
    assertThat(calibration.harnessP50Ms()).isBetween(200.0, 2_000.0);
    if (Wrk.version().isPresent()) {
      assertThat(calibration.wrk()).startsWith("wrk");
      assertThat(calibration.wrkMaxRps()).isGreaterThan(100);
      assertThat(calibration.wrkP50Ms()).isBetween(199.0, 2_000.0);
      assertThat(calibration.maxRpsRatio()).isPositive();
    } else {
      assertThat(calibration.wrk()).isEqualTo("not installed");
      assertThat(calibration.wrkMaxRps()).isNaN();
    }
    assertThat(CalibrateCommand.text(calibration)).contains("harness/wrk", "ceiling:");
  }
}
