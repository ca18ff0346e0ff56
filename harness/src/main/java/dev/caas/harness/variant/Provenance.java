package dev.caas.harness.variant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a report was made, printed before its numbers: a result without the machine,
 * the JDK and the commit cannot be compared with another.
 *
 * @param commit {@code git rev-parse --short HEAD} of the project, or {@code unknown}
 * @param date when the bench started, ISO-8601 with offset
 * @param harnessVersion the harness's project version
 * @param harnessJdk the JDK running the load generator
 * @param variantJdk the JDK the variants were launched with
 * @param variantJvmArgs extra JVM options given to the variants
 * @param cores processors available to the harness (the variants and the testbed share them)
 * @param os operating system and architecture
 * @param postgres the PostgreSQL backend, in words
 * @param toxiproxy the Toxiproxy backend, in words
 */
public record Provenance(
    String commit,
    String date,
    String harnessVersion,
    String harnessJdk,
    String variantJdk,
    List<String> variantJvmArgs,
    int cores,
    String os,
    String postgres,
    String toxiproxy) {

  public Provenance {
    variantJvmArgs = List.copyOf(variantJvmArgs);
  }

  /**
   * Describes this machine and the given launcher; asks git and {@code java -version}, each
   * briefly.
   */
  public static Provenance collect(
      Path projectFolder,
      String harnessVersion,
      Path variantJava,
      List<String> variantJvmArgs,
      String postgres,
      String toxiproxy) {
    return new Provenance(
        gitCommit(projectFolder),
        OffsetDateTime.now(ZoneId.systemDefault())
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        harnessVersion,
        thisJdk(),
        variantJava.equals(thisJava()) ? thisJdk() : jdkOf(variantJava),
        variantJvmArgs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        postgres,
        toxiproxy);
  }

  /**
   * The {@code java} launcher running this JVM: the default for the variants, so both sides match.
   */
  public static Path thisJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(Path::of)
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /** E.g. {@code 25.0.1+8-LTS (Eclipse Adoptium, OpenJDK 64-Bit Server VM)}. */
  public static String thisJdk() {
    return Runtime.version()
        + " ("
        + System.getProperty("java.vendor")
        + ", "
        + System.getProperty("java.vm.name")
        + ")";
  }

  /**
   * The first two lines of {@code java -version} of another launcher, joined, or {@code unknown}.
   */
  static String jdkOf(Path java) {
    String output = run(List.of(java.toString(), "-version"), null);
    if (output == null) {
      return "unknown (" + java + ")";
    }
    List<String> lines = output.lines().filter(line -> !line.isBlank()).limit(2).toList();
    return String.join("; ", lines);
  }

  /**
   * The short commit of the checkout at {@code folder}, or {@code unknown} when it is none or git
   * is absent.
   */
  public static String gitCommit(Path folder) {
    String output = run(List.of("git", "rev-parse", "--short", "HEAD"), folder);
    return output == null || output.isBlank() ? "unknown" : output.strip();
  }

  /**
   * Runs a short command and returns what it printed, or {@code null} if it failed or took over 10
   * s.
   */
  private static String run(List<String> command, Path directory) {
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
