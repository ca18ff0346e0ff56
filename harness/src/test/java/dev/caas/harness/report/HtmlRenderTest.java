package dev.caas.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: Debian's headless Chromium opens {@code report.html} from disk,
 * its DOM is checked for the headings, and its screenshot for actual drawing (many colours, much
 * that is not white). Chromium is a test dependency: CI installs it, and without it this test fails
 * and says so. Set {@code CAAS_SKIP_BROWSER_TESTS=1} to skip it on a machine that cannot have a
 * browser.
 */
class HtmlRenderTest {
  private static final List<String> BROWSERS =
      List.of("chromium", "chromium-browser", "google-chrome");
  private static String browser;

  @BeforeAll
  static void findChromium() {
    assumeTrue(
        !"1".equals(System.getenv("CAAS_SKIP_BROWSER_TESTS")),
        "CAAS_SKIP_BROWSER_TESTS=1: browser tests skipped");
    browser = BROWSERS.stream().filter(HtmlRenderTest::onPath).findFirst().orElse(null);
    if (browser == null) {
      fail(
          "headless Chromium is needed to check that report.html renders: install it with "
              + "'apt-get install -y chromium' (.ci/run does), or set CAAS_SKIP_BROWSER_TESTS=1 to skip this test");
    }
  }

  @Test
  void chromium_renders_the_sweep_report_with_its_headings_and_charts(@TempDir Path folder)
      throws Exception {
    ReportFiles.write(TestReports.sweep(Optional.empty()), folder);
    Path page = folder.resolve("report.html");

    String dom = run(folder, "--dump-dom", page.toUri().toString());
    Path png = folder.resolve("report.png");
    run(folder, "--screenshot=" + png, "--window-size=1200,2000", page.toUri().toString());

    assertThat(dom)
        .contains(
            "<h1>caas bench: concurrency-sweep</h1>",
            "<h2>Provenance</h2>",
            "<h2>Results</h2>",
            "<h2>Charts</h2>",
            "<h2>Waterfalls</h2>");
    assertThat(dom).containsPattern("<svg[^>]*class=\"chart\"");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    var colours = new HashSet<Integer>();
    long notWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          notWhite++;
        }
      }
    }
    long sampled = (long) (image.getHeight() / 2) * (image.getWidth() / 2);
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(50);
    assertThat(notWhite).as("pixels that are not white").isGreaterThan(sampled / 20);
  }

  /**
   * Runs headless Chromium in its own profile, network and extras off; returns what it printed on
   * stdout. At the lowest CPU priority ({@code nice -n 19}): the build runs two modules at a time
   * on two cores, and this test's seconds of rendering overlap the reactive module's fault suite,
   * whose deadline bounds (deadline + 50 ms) it must not be what breaks; it has 120 s to finish.
   */
  private static String run(Path folder, String... arguments)
      throws IOException, InterruptedException {
    var command =
        new ArrayList<>(
            List.of(
                "nice",
                "-n",
                "19",
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(folder, "profile")));
    command.addAll(List.of(arguments));
    File stdout = folder.resolve("chromium.out").toFile();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout)
            .redirectError(folder.resolve("chromium.err").toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(
          "chromium did not finish within 120 s: "
              + Files.readString(folder.resolve("chromium.err")));
    }
    assertThat(process.exitValue())
        .as("chromium's exit code; stderr: %s", Files.readString(folder.resolve("chromium.err")))
        .isZero();
    return Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
  }

  private static boolean onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }
}
