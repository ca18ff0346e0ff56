package dev.caas.harness.variant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.DogPaths;
import dev.caas.contract.Limits;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.harness.text.Millis;
import dev.caas.testbed.ListeningPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A variant running as its own JVM, started from its jar, so the load generator shares neither heap
 * nor JIT with the server it measures. Its output goes to a log file; when it fails, the error
 * quotes the log's end.
 *
 * <pre>{@code
 * try (var variant = VariantProcess.start(launch, logFile)) {
 *   Limits limits = variant.awaitReady(Duration.ofSeconds(60));
 *   // send requests to variant.baseUrl()
 * }
 * }</pre>
 */
public final class VariantProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int TAIL_LINES = 40;

  /**
   * Everything needed to start one variant; the database and upstream are the testbed's proxies.
   *
   * @param dbPool {@code null}: the variant's default; likewise {@code serverThreads}, {@code
   *     queue}, {@code deadline} and {@code upstreamConnections}
   */
  public record Launch(
      Variant variant,
      Path jar,
      Path java,
      List<String> jvmArgs,
      String dbUrl,
      String dbUser,
      String dbPassword,
      URI upstreamUrl,
      Integer dbPool,
      Integer serverThreads,
      Integer queue,
      Duration deadline,
      Integer upstreamConnections) {

    /**
     * The command line (see {@code VariantOptions.USAGE}); the password goes by environment, not
     * here.
     */
    public List<String> command(int port) {
      var command = new ArrayList<String>();
      command.add(java.toString());
      command.addAll(jvmArgs);
      command.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "--variant",
              variant.composition().wireName(),
              "--port",
              Integer.toString(port),
              "--db-url",
              dbUrl,
              "--db-user",
              dbUser,
              "--upstream-url",
              upstreamUrl.toString()));
      if (dbPool != null) {
        command.addAll(List.of("--db-pool", dbPool.toString()));
      }
      if (serverThreads != null) {
        command.addAll(List.of("--server-threads", serverThreads.toString()));
      }
      if (queue != null) {
        command.addAll(List.of("--queue", queue.toString()));
      }
      if (deadline != null) {
        command.addAll(List.of("--deadline", deadline.toMillis() + "ms"));
      }
      if (upstreamConnections != null) {
        command.addAll(List.of("--upstream-connections", upstreamConnections.toString()));
      }
      return command;
    }
  }

  /** The variant's jar is not built. */
  public static final class MissingJarException extends IllegalStateException {
    public MissingJarException(Variant variant, Path jar) {
      super("no jar for " + variant.wireName() + " at " + jar);
    }
  }

  /**
   * The variant exited, answered as another variant, or was not ready in time; the message quotes
   * its log.
   */
  public static final class StartFailedException extends IllegalStateException {
    public StartFailedException(String message) {
      super(message);
    }
  }

  private final Launch launch;
  private final Process process;
  private final Path logFile;
  private final URI baseUrl;
  private final Thread killOnExit;
  private HttpClient healthClient;

  private VariantProcess(Launch launch, Process process, Path logFile, URI baseUrl) {
    this.launch = launch;
    this.process = process;
    this.logFile = logFile;
    this.baseUrl = baseUrl;
    // A harness stopped with Ctrl-C must not leave a server behind holding its port and
    // connections.
    this.killOnExit =
        new Thread(process::destroyForcibly, "caas-stop-" + launch.variant().wireName());
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts the jar on a free loopback port; returns at once (see {@link #awaitReady(Duration)}).
   *
   * @throws MissingJarException when the jar does not exist
   */
  public static VariantProcess start(Launch launch, Path logFile) throws IOException {
    return start(launch, List.of(), logFile);
  }

  /**
   * The same with more options after the launch's own, e.g. the A/B gate's test-only {@code
   * --extra-cpu 1ms}.
   */
  public static VariantProcess start(Launch launch, List<String> moreOptions, Path logFile)
      throws IOException {
    if (!Files.isRegularFile(launch.jar())) {
      throw new MissingJarException(launch.variant(), launch.jar());
    }
    int port = freePort();
    List<String> command = new ArrayList<>(launch.command(port));
    command.addAll(moreOptions);
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    Files.writeString(logFile, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // The variant reads CAAS_* as fallbacks for options not given; only ours may reach it, so a
    // variable
    // left in the harness's shell cannot change a measured run unseen.
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("CAAS_"));
    environment.put("CAAS_DB_PASSWORD", launch.dbPassword());
    Process process = builder.start();
    return new VariantProcess(launch, process, logFile, URI.create("http://127.0.0.1:" + port));
  }

  /**
   * Polls {@code /health} until the variant says it is ready (its pools are filled by then).
   *
   * @return the limits it reports
   * @throws StartFailedException when it exits, is another variant, or is not ready within {@code
   *     timeout}
   */
  public Limits awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      var request =
          HttpRequest.newBuilder(baseUrl.resolve(DogPaths.HEALTH))
              .timeout(Duration.ofSeconds(5))
              .build();
      while (true) {
        if (!process.isAlive()) {
          throw failure(
              launch.variant().wireName()
                  + " exited with code "
                  + process.exitValue()
                  + " before it was ready");
        }
        JsonNode health = poll(http, request);
        if (health != null && health.path("ready").asBoolean(false)) {
          String answered = health.path("variant").asText("");
          if (!answered.equals(launch.variant().wireName())) {
            throw failure(
                "expected "
                    + launch.variant().wireName()
                    + " on "
                    + baseUrl
                    + " but /health says '"
                    + answered
                    + "'");
          }
          return limits(health.path("limits"));
        }
        if (System.nanoTime() > deadline) {
          throw failure(
              launch.variant().wireName()
                  + " was not ready after "
                  + Millis.format(timeout.toMillis()));
        }
        sleep(POLL_INTERVAL);
      }
    }
  }

  /**
   * What the variant is busy with right now, from its {@code /health}.
   *
   * @return empty when {@code /health} carries no {@code "load"}: a jar built before the variants
   *     reported it
   * @throws IllegalStateException when {@code /health} does not answer 200
   */
  public Optional<Load> load() {
    var request =
        HttpRequest.newBuilder(baseUrl.resolve(DogPaths.HEALTH))
            .timeout(Duration.ofSeconds(5))
            .build();
    JsonNode health = poll(healthClient(), request);
    if (health == null) {
      throw new IllegalStateException(
          launch.variant().wireName() + " did not answer " + DogPaths.HEALTH);
    }
    return loadOf(health);
  }

  /** The {@code "load"} object of a {@code /health} body, if it has a complete one. */
  public static Optional<Load> loadOf(JsonNode health) {
    JsonNode load = health.path("load");
    var fields = List.of("inFlight", "dbActive", "dbIdle", "dbWaiting", "compensationsPending");
    if (!fields.stream().allMatch(field -> load.path(field).isInt())) {
      return Optional.empty();
    }
    return Optional.of(
        new Load(
            load.path("inFlight").intValue(),
            load.path("dbActive").intValue(),
            load.path("dbIdle").intValue(),
            load.path("dbWaiting").intValue(),
            load.path("compensationsPending").intValue()));
  }

  private synchronized HttpClient healthClient() {
    if (healthClient == null) {
      healthClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }
    return healthClient;
  }

  private static JsonNode poll(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (IOException notYetListening) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the variant", e);
    }
  }

  /** The {@code "limits"} object of a {@code /health} body; a field it lacks is no limit. */
  public static Limits limits(JsonNode node) {
    return new Limits(
        integerOrNull(node, "serverThreads"),
        integerOrNull(node, "dbPool"),
        integerOrNull(node, "httpConnections"),
        integerOrNull(node, "executorThreads"));
  }

  private static Integer integerOrNull(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.intValue() : null;
  }

  private StartFailedException failure(String what) {
    return new StartFailedException(what + "; the end of " + logFile + ":\n" + logTail(TAIL_LINES));
  }

  /** The last {@code lines} lines the variant printed. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  /** The variant's process id: what the cost meter watches and attaches to. */
  public long pid() {
    return process.pid();
  }

  public Variant variant() {
    return launch.variant();
  }

  /** {@code http://127.0.0.1:PORT} */
  public URI baseUrl() {
    return baseUrl;
  }

  public Path logFile() {
    return logFile;
  }

  /** Asks the variant to stop (SIGTERM), and kills it if it has not within ten seconds. */
  @Override
  public void close() {
    synchronized (this) {
      if (healthClient != null) {
        healthClient.close();
      }
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or will run; it kills the process, which is what close() wanted too.
      }
    }
  }

  private static int freePort() {
    return ListeningPorts.freeBelowEphemeral(InetAddress.getLoopbackAddress().getHostAddress());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the variant", e);
    }
  }
}
