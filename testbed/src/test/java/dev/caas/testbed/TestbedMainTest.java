package dev.caas.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.DogHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code caas testbed} as a user runs it: a process of its own, found through its JSON. */
@Timeout(180)
class TestbedMainTest {

  @Test
  void runs_as_a_process_serves_both_proxies_and_leaves_nothing_listening_after_sigterm(
      @TempDir Path dir) throws Exception {
    Path json = dir.resolve("testbed.json");
    Path output = dir.resolve("stdout.txt");
    Process testbed =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TestbedMain.class.getName(),
                "--json",
                json.toString())
            .redirectOutput(output.toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      JsonNode endpoints = awaitJson(testbed, json);
      List<ProcessHandle> descendants = testbed.descendants().toList();

      URI upstream = URI.create(endpoints.get("upstreamUrl").asText());
      JsonNode postgres = endpoints.get("postgres");
      URI toxiproxy = URI.create(endpoints.get("toxiproxyUrl").asText());
      assertThat(upstream.getHost()).isEqualTo("127.0.0.1");
      assertThatUpstreamServesAPhotoThrough(upstream);
      assertThatDatabaseKnowsTheDogsThrough(postgres);
      assertThat(get(toxiproxy.resolve("/proxies")))
          .contains("\"upstream\"")
          .contains("\"postgres\"");
      assertThat(Files.readString(output))
          .contains("export CAAS_UPSTREAM_URL='" + upstream + "'")
          .contains("export CAAS_DB_PORT='" + postgres.get("port").asInt() + "'")
          .contains("export CAAS_DB_PASSWORD='postgres'")
          .contains("# testbed ready");
      URI served = servedAt(Files.readString(output));
      assertThat(served.getHost()).isEqualTo("127.0.0.1");
      assertThat(get(served)).as("the JSON served").isEqualTo(Files.readString(json));

      testbed.destroy(); // SIGTERM
      assertThat(testbed.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();

      var listening = new ArrayList<URI>();
      listening.add(upstream);
      listening.add(URI.create("//" + postgres.get("host").asText() + ":" + postgres.get("port")));
      listening.add(toxiproxy);
      listening.add(servedAt(Files.readString(output)));
      listening.add(URI.create(endpoints.get("direct").get("upstreamUrl").asText()));
      listening.add(
          URI.create(endpoints.get("direct").get("jdbcUrl").asText().substring("jdbc:".length())));
      for (URI address : listening) {
        assertThatThrownBy(() -> new Socket(address.getHost(), address.getPort()).close())
            .as("still listening: %s", address)
            .isInstanceOf(ConnectException.class);
      }
      assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    } finally {
      testbed.destroyForcibly();
    }
  }

  @Test
  void help_names_every_option_and_the_warning() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    var original = System.out;
    System.setOut(new java.io.PrintStream(out, true));
    try {
      TestbedMain.main(new String[] {"--help"});
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString())
        .contains("--listen", "--json", "--json-port", "--backend", "--separate-processes")
        .contains("/testbed.json")
        .contains("--proxy-source-addresses")
        .contains("WITHOUT AUTHENTICATION");
  }

  @Test
  void options_choose_the_listen_address_the_process_layout_and_the_source_addresses() {
    var main = new TestbedMain();
    new CommandLine(main)
        .parseArgs("--listen", "10.0.0.5", "--separate-processes", "--proxy-source-addresses", "3");

    TestbedOptions options = main.options();

    assertThat(options.listenAddress()).isEqualTo("10.0.0.5");
    assertThat(options.processes()).isEqualTo(ProcessLayout.SEPARATE_PROCESSES);
    assertThat(options.proxySourceAddresses())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(options.backend()).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void by_default_everything_listens_on_loopback_in_this_jvm() {
    var main = new TestbedMain();
    new CommandLine(main).parseArgs();

    assertThat(main.options().listenAddress()).isEqualTo("127.0.0.1");
    assertThat(main.options().processes()).isEqualTo(ProcessLayout.IN_PROCESS);
  }

  @Test
  void shell_values_are_single_quoted_so_nothing_expands() {
    assertThat(TestbedMain.shellQuoted("pa$$'word")).isEqualTo("'pa$$'\\''word'");
  }

  /** The URL of the line "# The JSON is served at URL (…)." */
  private static URI servedAt(String output) {
    var line = java.util.regex.Pattern.compile("# The JSON is served at (\\S+) ").matcher(output);
    assertThat(line.find()).as("the served URL is printed").isTrue();
    return URI.create(line.group(1));
  }

  private static JsonNode awaitJson(Process testbed, Path json) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!Files.exists(json)) {
      assertThat(testbed.isAlive()).as("caas testbed exited early").isTrue();
      assertThat(System.nanoTime() - deadline).as("caas testbed ready in time").isNegative();
      Thread.sleep(200);
    }
    return new ObjectMapper().readTree(json.toFile());
  }

  private static void assertThatUpstreamServesAPhotoThrough(URI upstream) throws Exception {
    try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      var response =
          client.send(
              HttpRequest.newBuilder(upstream.resolve("/dog")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue(DogHeaders.X_FILENAME)).isPresent();
      assertThat(response.body()).startsWith(0xFF, 0xD8);
    }
  }

  private static void assertThatDatabaseKnowsTheDogsThrough(JsonNode postgres) throws Exception {
    String url =
        "jdbc:postgresql://"
            + postgres.get("host").asText()
            + ":"
            + postgres.get("port").asInt()
            + "/"
            + postgres.get("database").asText();
    try (var connection =
            DriverManager.getConnection(
                url, postgres.get("user").asText(), postgres.get("password").asText());
        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM dog")) {
      rows.next();
      assertThat(rows.getInt(1)).isPositive();
    }
  }

  private static String get(URI uri) throws IOException, InterruptedException {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
