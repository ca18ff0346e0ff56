package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.bench.BenchReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results JSON is read by programs ({@code caas compare}, notebooks, older results folders), so
 * its bytes may not drift while the code that writes it changes shape: fixed reports of the three
 * kinds (the talk, a repeated sweep with a calibration, a fault matrix) are written and compared
 * with files committed before the report writers were refactored. Fields are only ever added (the
 * queueing model's {@code theory.mva} and {@code theory_fit} were); such a deliberate change is
 * written back with {@code -Dgolden.update=true}, as in {@link GoldenRenderingTest}.
 */
class GoldenJsonTest {
  @TempDir Path folder;

  @Test
  void the_talks_json_is_byte_for_byte_the_committed_one() throws IOException {
    assertSameBytes(TestReports.talk(), "talk");
  }

  @Test
  void a_repeated_sweeps_json_is_byte_for_byte_the_committed_one() throws IOException {
    assertSameBytes(TestReports.sweep(Optional.of(TestReports.calibration())), "sweep");
  }

  @Test
  void a_fault_matrixs_json_is_byte_for_byte_the_committed_one() throws IOException {
    assertSameBytes(TestReports.faults(), "faults");
  }

  private void assertSameBytes(BenchReport report, String name) throws IOException {
    Path written = folder.resolve(name + ".json");
    ReportWriter.writeJson(report, written);
    GoldenRenderingTest.update(name + ".json", Files.readString(written));
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/" + name + ".json")) {
      assertThat(in).as("golden/%s.json on the test classpath", name).isNotNull();
      golden = in.readAllBytes();
    }
    byte[] now = Files.readAllBytes(written);
    // The text first, so that a difference is shown as a diff of lines, then every byte.
    assertThat(new String(now, StandardCharsets.UTF_8))
        .as("%s.json against golden/%s.json", name, name)
        .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(now).isEqualTo(golden);
  }
}
