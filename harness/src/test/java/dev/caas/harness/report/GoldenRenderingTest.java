package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.harness.bench.BenchReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The console text and the Markdown of the three fixed reports of {@link GoldenJsonTest} are
 * compared with files written by the renderers before the report model existed: walking the model
 * must say the same words in the same places. A deliberate change of the words (a new fault in the
 * matrix's legend, say) is written back with {@code -Dgolden.update=true}; review the diff.
 */
class GoldenRenderingTest {

  static Map<String, BenchReport> reports() {
    return Map.of(
        "talk",
        TestReports.talk(),
        "sweep",
        TestReports.sweep(Optional.of(TestReports.calibration())),
        "faults",
        TestReports.faults());
  }

  @Test
  void the_console_text_of_each_fixed_report_is_the_committed_one() throws IOException {
    for (var report : reports().entrySet()) {
      update(report.getKey() + ".txt", ReportWriter.text(report.getValue()));
      assertThat(ReportWriter.text(report.getValue()))
          .as("text of %s", report.getKey())
          .isEqualTo(golden(report.getKey() + ".txt"));
    }
  }

  @Test
  void the_markdown_of_each_fixed_report_is_the_committed_one() throws IOException {
    for (var report : reports().entrySet()) {
      update(report.getKey() + ".md", ReportWriter.markdown(report.getValue()));
      assertThat(ReportWriter.markdown(report.getValue()))
          .as("Markdown of %s", report.getKey())
          .isEqualTo(golden(report.getKey() + ".md"));
    }
  }

  static void update(String name, String rendered) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden", name), rendered);
    }
  }

  private String golden(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden/%s on the test classpath", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
