package dev.caas.testbed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.DogHeaders;
import dev.caas.upstream.UpstreamFault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy and the upstream in JVMs of their own, so the harness's open files are its own. */
@Timeout(180)
class SeparateProcessesTest {

  @Test
  void proxy_and_upstream_run_as_child_processes_that_serve_and_stop_with_the_testbed()
      throws Exception {
    TestbedOptions options =
        TestbedOptions.of(Backend.EMBEDDED)
            .withProcesses(ProcessLayout.SEPARATE_PROCESSES)
            .withProxySourceAddresses(TestbedOptions.loopbackAddresses(2));
    ProcessHandle proxy;
    ProcessHandle upstream;
    try (Testbed testbed = Testbed.start(options)) {
      TestbedLayout layout = testbed.layout();
      assertThat(layout.processes()).isEqualTo(ProcessLayout.SEPARATE_PROCESSES);
      assertThat(layout.proxySourceAddresses()).containsExactly("127.0.0.1", "127.0.0.2");
      proxy = ProcessHandle.of(layout.proxyPid()).orElseThrow();
      upstream = ProcessHandle.of(layout.upstreamPid()).orElseThrow();
      assertThat(proxy.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(upstream.pid()).isNotEqualTo(proxy.pid());

      for (int i = 0; i < 2; i++) { // two clients, two connections: one from each source address
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
          var response =
              client.send(
                  HttpRequest.newBuilder(testbed.upstreamUrl().resolve("/dog")).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.headers().firstValue(DogHeaders.X_FILENAME)).isPresent();
        }
      }
      try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        testbed.setUpstreamFault(UpstreamFault.MISSING_FILENAME);
        var faulty =
            client.send(
                HttpRequest.newBuilder(testbed.upstreamUrl().resolve("/dog")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(faulty.headers().firstValue(DogHeaders.X_FILENAME)).isEmpty();
        testbed.setUpstreamFault(UpstreamFault.NONE);
      }
      try (var connection =
              DriverManager.getConnection(
                  testbed.jdbcUrl(), testbed.dbUser(), testbed.dbPassword());
          var rows = connection.createStatement().executeQuery("SELECT count(*) FROM dog")) {
        rows.next();
        assertThat(rows.getInt(1)).isPositive();
      }
      assertThatThrownBy(testbed::upstream)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("setUpstreamFault");
    }
    assertThat(proxy.isAlive()).as("proxy process after close").isFalse();
    assertThat(upstream.isAlive()).as("upstream process after close").isFalse();
  }

  @Test
  void the_children_do_not_outlive_a_jvm_stopped_with_sigterm(@TempDir Path dir) throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldsATestbed.class.getName())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try (var lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8))) {
      String ready = lines.readLine();
      assertThat(ready).as("see " + dir.resolve("stderr.txt")).startsWith("ready ");
      String[] pids = ready.split(" ");
      var children =
          List.of(
              ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow(),
              ProcessHandle.of(Long.parseLong(pids[2])).orElseThrow());
      assertThat(children).allMatch(ProcessHandle::isAlive);

      holder.destroy(); // SIGTERM: the testbed is never closed
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
      }
      assertThat(children).noneMatch(ProcessHandle::isAlive);
    } finally {
      holder.descendants().forEach(ProcessHandle::destroyForcibly);
      holder.destroyForcibly();
    }
  }
}
