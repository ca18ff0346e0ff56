package dev.caas.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Variant;
import dev.caas.harness.cli.Caas;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.TestbedEndpoints;
import dev.caas.testbed.TestbedMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caas bench --target} across three "hosts": the testbed, a variant and the load generator
 * each in a network namespace of its own ({@code scripts/three-hosts.sh}), joined by a bridge on
 * 198.18.0.0/24, so nothing can reach anything over loopback. The load generator finds the testbed
 * through the JSON the testbed serves over HTTP, as a harness on another machine would. Runs as
 * root where {@code ip netns} works; skipped, with the reason, elsewhere. The namespaces are
 * removed afterwards, whatever happened.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SeveralHostsTest {
  private static final Path ROOT =
      VariantJars.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow();
  private static final Path THREE_HOSTS = ROOT.resolve("scripts/three-hosts.sh");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path folder;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void threeHostsUp() throws Exception {
    var check = run(List.of(THREE_HOSTS.toString(), "check"), folder.resolve("check.log"));
    assumeTrue(
        check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0,
        "three network namespaces cannot be made here: "
            + Files.readString(folder.resolve("check.log")).strip());
    var up = run(List.of(THREE_HOSTS.toString(), "up"), folder.resolve("up.log"));
    assertThat(up.waitFor(30, TimeUnit.SECONDS) && up.exitValue() == 0)
        .as(Files.readString(folder.resolve("up.log")))
        .isTrue();
  }

  @AfterEach
  void threeHostsDown() throws Exception {
    for (Process process : started.reversed()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    run(List.of(THREE_HOSTS.toString(), "down"), folder.resolve("down.log"))
        .waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void
      a_variant_on_another_host_is_measured_through_the_testbed_of_a_third_with_billing_reconciled()
          throws Exception {
    Path json = folder.resolve("testbed.json");
    started.add(
        inNamespace(
            "caas-testbed",
            List.of(
                JAVA,
                "-cp",
                System.getProperty("java.class.path"),
                TestbedMain.class.getName(),
                "--listen",
                "198.18.0.1",
                "--json-port",
                "8475",
                "--json",
                json.toString()),
            "testbed.log"));
    TestbedEndpoints testbed = awaitJson(json);
    assertThat(testbed.upstreamUrl()).startsWith("http://198.18.0.1:");

    Path jar =
        VariantJars.locate(null, Map.of(), ROOT).jarFor(Variant.LOOM_GATHERED).toAbsolutePath();
    started.add(
        inNamespace(
            "caas-variant",
            List.of(
                JAVA,
                "-jar",
                jar.toString(),
                "--variant",
                "gathered",
                "--host",
                "198.18.0.2",
                "--port",
                "8080",
                "--db-url",
                testbed.jdbcUrl(),
                "--upstream-url",
                testbed.upstreamUrl()),
            "variant.log"));

    Path results = folder.resolve("targets.json");
    var bench =
        inNamespace(
            "caas-load",
            List.of(
                JAVA,
                "-cp",
                System.getProperty("java.class.path"),
                Caas.class.getName(),
                "bench",
                "--target",
                "http://198.18.0.2:8080",
                "--testbed",
                "http://198.18.0.1:8475/testbed.json",
                "--latency",
                "20ms",
                "--warmup",
                "10",
                "-n",
                "20",
                "-c",
                "3",
                "--quiet",
                "--json",
                results.toString()),
            "bench.log");
    started.add(bench);
    assertThat(bench.waitFor(120, TimeUnit.SECONDS)).as("bench finished").isTrue();
    String output = Files.readString(folder.resolve("bench.log"));
    assertThat(bench.exitValue()).as(output).isZero();

    JsonNode row = new ObjectMapper().readTree(results.toFile()).path("targets").get(0);
    assertThat(row.path("target").asText()).isEqualTo("loom-gathered");
    assertThat(row.path("url").asText()).isEqualTo("http://198.18.0.2:8080");
    assertThat(row.path("requests").asInt()).isEqualTo(20);
    assertThat(row.path("errors").size()).as("errors by kind: %s", row.path("errors")).isZero();
    assertThat(row.path("served").asLong()).isEqualTo(20);
    assertThat(row.path("billed").asLong()).isEqualTo(20);
    assertThat(row.path("billingBalanced").asBoolean()).isTrue();
    assertThat(row.path("latencyMs").path("medianMs").asDouble())
        .as("two round trips of 20 ms each way, gathered")
        .isGreaterThanOrEqualTo(40);
  }

  private Process inNamespace(String namespace, List<String> command, String log) throws Exception {
    var full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return run(full, folder.resolve(log));
  }

  private static Process run(List<String> command, Path log) throws Exception {
    return new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static TestbedEndpoints awaitJson(Path json) throws Exception {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.exists(json)) {
      assertThat(System.nanoTime()).as("the testbed wrote %s", json).isLessThan(giveUp);
      Thread.sleep(100);
    }
    return TestbedEndpoints.read(json.toString());
  }
}
