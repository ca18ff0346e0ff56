package dev.caas.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A part of the testbed in a JVM of its own: this JVM's {@code java} and class path, another main
 * class. It is ready once a line of its standard output matches what the main prints when it
 * listens; its standard error goes to a log file, named in any failure. {@link #close} sends
 * SIGTERM (the main's shutdown hook closes its sockets) and, if it has not ended within a few
 * seconds, kills it. If this JVM ends first (a harness stopped with Ctrl-C or SIGTERM), a shutdown
 * hook does the same, so that no proxy or upstream is left behind holding its port.
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path errorLog;
  private final String readyValue;
  private final Thread stopOnExit;

  private ChildJvm(
      String name, Process process, Path errorLog, String readyValue, Thread stopOnExit) {
    this.name = name;
    this.process = process;
    this.errorLog = errorLog;
    this.readyValue = readyValue;
    this.stopOnExit = stopOnExit;
  }

  /**
   * Starts {@code mainClass} with {@code args} and waits until it prints a line matching {@code
   * ready}; the pattern's first group is {@link #readyValue()} (e.g. the URL it listens on).
   */
  static ChildJvm start(String name, Class<?> mainClass, List<String> args, Pattern ready)
      throws IOException {
    Path errorLog = Files.createTempFile("caas-" + name + "-", ".log");
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()))
            .start();
    var stopOnExit = new Thread(() -> destroy(process), "caas-stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    var readyLine = new CompletableFuture<String>();
    Thread.ofVirtual()
        .name("caas-" + name + "-stdout")
        .start(() -> readStandardOutput(process, ready, readyLine));
    try {
      String value = readyLine.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new ChildJvm(name, process, errorLog, value, stopOnExit);
    } catch (ExecutionException | TimeoutException e) {
      destroy(process);
      forget(stopOnExit);
      throw new IOException(
          name + " did not start within " + STARTUP_TIMEOUT.toSeconds() + " s; see " + errorLog, e);
    } catch (InterruptedException e) {
      destroy(process);
      forget(stopOnExit);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + name + " started", e);
    }
  }

  /** Completes {@code readyLine} at the first matching line, then keeps draining the pipe. */
  private static void readStandardOutput(
      Process process, Pattern ready, CompletableFuture<String> readyLine) {
    try (var lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        Matcher matcher = ready.matcher(line);
        if (!readyLine.isDone() && matcher.find()) {
          readyLine.complete(matcher.group(1));
        }
      }
    } catch (IOException e) {
      // The process ended; whoever waits learns below.
    }
    readyLine.completeExceptionally(new IOException("exited with " + exitCode(process)));
  }

  private static String exitCode(Process process) {
    try {
      return String.valueOf(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** What the ready line's first group captured. */
  String readyValue() {
    return readyValue;
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  Path errorLog() {
    return errorLog;
  }

  @Override
  public void close() {
    destroy(process);
    forget(stopOnExit);
  }

  private static void forget(Thread stopOnExit) {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; it stops the process, as the caller just did.
    }
  }

  private static void destroy(Process process) {
    process.destroy(); // SIGTERM: the child's shutdown hook closes its listeners and connections
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
