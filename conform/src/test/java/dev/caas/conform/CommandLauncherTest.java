package dev.caas.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.VariantOptions;
import dev.caas.testbed.ListeningPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting an implementation as a shell command: here a stand-in that answers {@code /health} (a
 * single-file Java program on the JDK's own HTTP server), since what is tested is the starting.
 */
class CommandLauncherTest {
  private static final VariantOptions OPTIONS =
      VariantOptions.parse(
          new String[] {
            "--port", "0",
            "--db-url", "jdbc:postgresql://127.0.0.1:5432/postgres",
            "--upstream-url", "http://127.0.0.1:9"
          },
          Map.of());

  private static final String HEALTH =
      """
      import com.sun.net.httpserver.HttpServer;
      import java.net.InetSocketAddress;

      public class Health {
        public static void main(String[] args) throws Exception {
          int port = Integer.parseInt(System.getenv("CAAS_PORT"));
          var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
          server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
          server.start();
        }
      }
      """;

  @TempDir Path folder;

  @Test
  void a_command_that_finds_its_port_taken_is_started_again_on_another() throws Exception {
    Path health = folder.resolve("Health.java");
    Files.writeString(health, HEALTH);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "echo \"$CAAS_PORT\" >> starts; "
            + "if [ ! -e taken ]; then touch taken;"
            + " echo 'java.net.BindException: Address already in use'; exit 1; fi; "
            + "exec '"
            + java
            + "' '"
            + health
            + "'";

    var launcher = new CommandLauncher("cd '" + folder + "' && " + command, "stand-in", folder);
    try (var running = launcher.launch(OPTIONS)) {
      assertThat(healthStatus(running.url())).isEqualTo(200);
    }

    int ephemeralRangeStart =
        ListeningPorts.lowestEphemeralPort(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    var ports = Files.readAllLines(folder.resolve("starts")).stream().map(Integer::parseInt);
    assertThat(ports)
        .as("the ports it was given: two, below the ephemeral range")
        .hasSize(2)
        .allMatch(port -> port >= ListeningPorts.LOWEST_PORT && port < ephemeralRangeStart);
  }

  @Test
  void the_ephemeral_range_starts_where_linux_says_and_at_32768_where_it_cannot_be_read()
      throws Exception {
    Path range = folder.resolve("ip_local_port_range");
    Files.writeString(range, "40000\t60999\n");

    assertThat(ListeningPorts.lowestEphemeralPort(range)).isEqualTo(40_000);
    assertThat(ListeningPorts.lowestEphemeralPort(folder.resolve("absent"))).isEqualTo(32_768);
  }

  @Test
  void a_command_that_fails_for_another_reason_is_not_started_again() {
    var launcher =
        new CommandLauncher(
            "cd '" + folder + "' && echo start >> starts; echo 'no database here'; exit 1",
            "stand-in",
            folder);

    assertThatThrownBy(() -> launcher.launch(OPTIONS))
        .isNotInstanceOf(CommandLauncher.PortTakenException.class)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("no database here");
    assertThat(folder.resolve("starts")).hasContent("start");
  }

  private static int healthStatus(URI url) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(url.resolve("/health")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }
}
