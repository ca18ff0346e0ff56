package dev.caas.harness.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.Variant;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantProcessTest {

  @Test
  void a_missing_jar_is_named_in_the_error(@TempDir Path folder) {
    Path jar = folder.resolve("sync-impl-0.1.0-SNAPSHOT-all.jar");

    assertThatThrownBy(
            () -> VariantProcess.start(launch(jar), folder.resolve("sync-sequential.log")))
        .isInstanceOf(VariantProcess.MissingJarException.class)
        .hasMessageContaining("sync-sequential")
        .hasMessageContaining(jar.toString());
  }

  @Test
  void a_variant_that_exits_at_once_fails_with_the_end_of_its_log(@TempDir Path folder)
      throws Exception {
    Path notAJar = Files.writeString(folder.resolve("broken-all.jar"), "this is not a zip file");
    Path log = folder.resolve("logs/sync-sequential.log");

    try (var process = VariantProcess.start(launch(notAJar), log)) {
      assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(30)))
          .isInstanceOf(VariantProcess.StartFailedException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining(log.toString())
          .hasMessageContaining("--variant sequential");
    }
    assertThat(Files.readString(log)).startsWith("$ " + Provenance.thisJava() + " -jar " + notAJar);
  }

  @Test
  void the_command_passes_options_and_keeps_the_password_out_of_it() {
    var launch =
        new VariantProcess.Launch(
            Variant.LOOM_GATHERED,
            Path.of("loom.jar"),
            Path.of("java"),
            List.of("-Xmx256m"),
            "jdbc:postgresql://127.0.0.1:5000/postgres",
            "postgres",
            "secret",
            URI.create("http://127.0.0.1:6000"),
            20,
            null,
            100,
            Duration.ofSeconds(20),
            null);

    List<String> command = launch.command(8123);

    assertThat(command).containsSubsequence("java", "-Xmx256m", "-jar", "loom.jar");
    assertThat(String.join(" ", command))
        .contains(
            "--variant gathered",
            "--port 8123",
            "--db-url jdbc:postgresql://127.0.0.1:5000/postgres",
            "--db-user postgres",
            "--upstream-url http://127.0.0.1:6000",
            "--db-pool 20",
            "--queue 100",
            "--deadline 20000ms")
        .doesNotContain("--server-threads", "secret");
  }

  private static VariantProcess.Launch launch(Path jar) {
    return new VariantProcess.Launch(
        Variant.SYNC_SEQUENTIAL,
        jar,
        Provenance.thisJava(),
        List.of(),
        "jdbc:postgresql://127.0.0.1:1/postgres",
        "postgres",
        "postgres",
        URI.create("http://127.0.0.1:1"),
        null,
        null,
        null,
        null,
        null);
  }
}
