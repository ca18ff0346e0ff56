package dev.caas.harness.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void on_a_terminal_the_requests_are_one_bar_redrawn_in_place() {
    try (var progress = new Progress.ConsoleProgress(out, true)) {
      progress.phase("sync-sequential", "measuring");
      progress.requests("sync-sequential", 45, 90);
      progress.requests("sync-sequential", 90, 90);
      progress.phase("sync-sequential", "stopping");
    }

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("sync-sequential: measuring\n")
        .contains("\rsync-sequential [" + "█".repeat(30) + "] 100%  90/90")
        .endsWith("\nsync-sequential: stopping\n");
    assertThat(text.lines().filter(line -> line.contains("requests"))).isEmpty();
  }

  @Test
  void elsewhere_the_requests_are_lines() {
    try (var progress = new Progress.ConsoleProgress(out, false)) {
      progress.phase("loom-gathered", "measuring");
      progress.requests("loom-gathered", 90, 90);
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("loom-gathered: measuring\nloom-gathered: 90/90 requests\n");
  }
}
