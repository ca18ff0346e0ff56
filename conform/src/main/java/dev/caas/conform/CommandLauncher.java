package dev.caas.conform;

import dev.caas.contract.DogPaths;
import dev.caas.contract.VariantOptions;
import dev.caas.testbed.ListeningPorts;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.VariantLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts an implementation as a shell command, configured by the contract's {@code CAAS_*}
 * variables for the options a suite asks for, and waits until its {@code /health} answers 200. Both
 * spellings are set: the language-neutral ones of CONTRACT.md ({@code CAAS_DB_HOST/PORT/NAME},
 * {@code CAAS_DEADLINE_MS}, {@code CAAS_VARIANT_NAME}, {@code CAAS_IDLE_TIMEOUT_MS}, …) and the
 * Java jars' ({@code CAAS_DB_URL}, {@code CAAS_DEADLINE}, {@code CAAS_VARIANT}, {@code
 * CAAS_IDLE_TIMEOUT}). Its output goes to a log file, named when it does not come up. A command
 * that exits because the free port it was given was taken meanwhile is started again on another.
 */
public final class CommandLauncher implements VariantLauncher {
  private static final Duration START_WITHIN = Duration.ofSeconds(60);

  /** Starts on another free port when the one picked was taken before the command bound it. */
  static final int PORT_ATTEMPTS = 3;

  private static final String PORT_TAKEN = "address already in use";

  private final String command;
  private final String name;
  private final Path logs;

  /**
   * @param command what to run, with {@code /bin/sh -c}
   * @param name the implementation's name on the wire, passed as {@code CAAS_VARIANT_NAME}
   * @param logs a folder for each start's output
   */
  public CommandLauncher(String command, String name, Path logs) {
    this.command = command;
    this.name = name;
    this.logs = logs;
  }

  @Override
  public RunningVariant launch(VariantOptions options) throws Exception {
    if (options.port() != 0) {
      return launchOn(options.port(), options);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return launchOn(freePort(options.host()), options);
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Starts the command on {@code port}.
   *
   * @throws PortTakenException when it exited because the port was taken before it could bind it
   */
  private RunningVariant launchOn(int port, VariantOptions options) throws Exception {
    Files.createDirectories(logs);
    Path log = Files.createTempFile(logs, name + "-", ".log");
    var builder = new ProcessBuilder("/bin/sh", "-c", command);
    builder.environment().putAll(environment(options, name, port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    AutoCloseable stopper = () -> stop(process);
    URI url = URI.create("http://" + options.host() + ":" + port);
    try {
      awaitHealthy(url, process, log);
    } catch (Exception e) {
      stopper.close();
      throw e;
    }
    return new RunningVariant(url, stopper);
  }

  /** The variables an implementation is started with for {@code options}, in both spellings. */
  static Map<String, String> environment(VariantOptions options, String name, int port) {
    URI database = URI.create(options.dbUrl().substring("jdbc:".length()));
    var env = new LinkedHashMap<String, String>();
    env.put("CAAS_VARIANT_NAME", name);
    env.put("CAAS_VARIANT", options.composition().wireName());
    env.put("CAAS_HOST", options.host());
    env.put("CAAS_PORT", String.valueOf(port));
    env.put("CAAS_UPSTREAM_URL", options.upstreamUrl().toString());
    env.put("CAAS_DB_URL", options.dbUrl());
    env.put("CAAS_DB_HOST", database.getHost());
    env.put("CAAS_DB_PORT", String.valueOf(database.getPort()));
    env.put("CAAS_DB_NAME", database.getPath().substring(1));
    env.put("CAAS_DB_USER", options.dbUser());
    env.put("CAAS_DB_PASSWORD", options.dbPassword());
    env.put("CAAS_DB_POOL", String.valueOf(options.dbPool()));
    env.put("CAAS_SERVER_THREADS", String.valueOf(options.serverThreads()));
    env.put("CAAS_QUEUE", String.valueOf(options.queue()));
    env.put("CAAS_DEADLINE", options.deadline().toMillis() + "ms");
    env.put("CAAS_DEADLINE_MS", String.valueOf(options.deadline().toMillis()));
    env.put("CAAS_HEADER_TIMEOUT", options.headerTimeout().toMillis() + "ms");
    env.put("CAAS_IDLE_TIMEOUT", options.idleTimeout().toMillis() + "ms");
    env.put("CAAS_HEADER_TIMEOUT_MS", String.valueOf(options.headerTimeout().toMillis()));
    env.put("CAAS_IDLE_TIMEOUT_MS", String.valueOf(options.idleTimeout().toMillis()));
    return env;
  }

  private void awaitHealthy(URI url, Process process, Path log) throws Exception {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var health =
        HttpRequest.newBuilder(url.resolve(DogPaths.HEALTH)).timeout(Duration.ofSeconds(2));
    long giveUp = System.nanoTime() + START_WITHIN.toNanos();
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        String message = "'" + command + "' exited with " + process.exitValue() + ":\n" + tail(log);
        throw portTaken(log) ? new PortTakenException(message) : new IllegalStateException(message);
      }
      try {
        if (client.send(health.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "'"
            + command
            + "' did not answer "
            + url
            + "/health within "
            + START_WITHIN
            + ":\n"
            + tail(log));
  }

  /** Stops the command and whatever it started (a run.sh starts the interpreter as its child). */
  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> family = process.descendants().toList();
    family.forEach(ProcessHandle::destroy);
    process.destroy();
    for (ProcessHandle member : family) {
      member.onExit().completeOnTimeout(member, 10, java.util.concurrent.TimeUnit.SECONDS).join();
      member.destroyForcibly();
    }
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))
          + "\n(whole output: "
          + log
          + ")";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the output says the port was taken: the JVM's {@code BindException} and Python's {@code
   * OSError: [Errno 98]} both say "Address already in use".
   */
  private static boolean portTaken(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1)
        .toLowerCase(Locale.ROOT)
        .contains(PORT_TAKEN);
  }

  /**
   * The command could not bind the port it was given: between {@link #freePort} closing it and the
   * command binding it, another process took it.
   */
  static final class PortTakenException extends IllegalStateException {
    PortTakenException(String message) {
      super(message);
    }
  }

  private static int freePort(String host) {
    return ListeningPorts.freeBelowEphemeral(host);
  }
}
