package dev.caas.harness.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link CostlyChild} in a JVM of its own, driven line by line. */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final PrintWriter commands;
  private final BufferedReader answers;

  private ChildJvm(Process process) throws IOException {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream()));
    expect("ready");
  }

  /** Starts the child JVM with these flags. */
  static ChildJvm start(String... jvmFlags) throws IOException {
    return new ChildJvm(
        new ProcessBuilder(command(jvmFlags))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
  }

  /**
   * Starts the child JVM under {@code sh}, which waits for it: the shell is the process's root, the
   * JVM its child.
   */
  static ChildJvm startUnderShell(String... jvmFlags) throws IOException {
    String javaCommand = String.join(" ", command(jvmFlags));
    return new ChildJvm(
        new ProcessBuilder("sh", "-c", javaCommand + "; exit $?")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
  }

  private static List<String> command(String... jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of(jvmFlags));
    command.addAll(List.of("-Xshare:auto", "-cp", testClasses(), CostlyChild.class.getName()));
    return command;
  }

  private static String testClasses() {
    try {
      return Path.of(CostlyChild.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and waits until the child has done it. */
  void send(String command) throws IOException {
    commands.println(command);
    expect("ok");
  }

  private void expect(String answer) throws IOException {
    String line = answers.readLine();
    if (!answer.equals(line)) {
      throw new IOException("child answered " + line + " instead of " + answer);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
