package dev.caas.harness.variant;

import dev.caas.contract.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the variants' executable jars are: {@code <module>/target/<module>-<version>-all.jar} under
 * the project root, or straight inside a folder given with {@code --jars}.
 *
 * <p>The project root is the folder whose {@code pom.xml} is {@code caas-parent}. It is looked for
 * in this order: the folder given, {@code CAAS_HOME}, the working directory and its parents, the
 * harness jar's folder and its parents (so {@code java -jar harness/target/harness-…-all.jar} works
 * from anywhere).
 *
 * @param folder the project root, or a flat folder of jars
 * @param projectRoot whether {@code folder} is the project root
 * @param version the project version in the jars' names
 */
public record VariantJars(Path folder, boolean projectRoot, String version) {
  private static final Pattern PARENT_SECTION = Pattern.compile("(?s)<parent>.*?</parent>");
  private static final Pattern ROOT_ARTIFACT =
      Pattern.compile("<artifactId>\\s*caas-parent\\s*</artifactId>");

  /**
   * @param given {@code --jars}, or {@code null}
   * @throws IllegalStateException when no project root can be found and none was given
   */
  public static VariantJars locate(Path given, Map<String, String> env, Path workingDirectory) {
    String version = harnessVersion();
    if (given != null) {
      Path folder = given.toAbsolutePath().normalize();
      return new VariantJars(folder, isProjectRoot(folder), version);
    }
    String home = env.get("CAAS_HOME");
    if (home != null && !home.isBlank()) {
      Path folder = Path.of(home).toAbsolutePath().normalize();
      if (!isProjectRoot(folder)) {
        throw new IllegalStateException(
            "CAAS_HOME=" + home + " is not the project root (no caas-parent pom.xml)");
      }
      return new VariantJars(folder, true, version);
    }
    Optional<Path> root =
        findProjectRoot(workingDirectory)
            .or(() -> harnessJarFolder().flatMap(VariantJars::findProjectRoot));
    return root.map(folder -> new VariantJars(folder, true, version))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot find the project root (the folder whose pom.xml is caas-parent) from "
                        + workingDirectory
                        + ": run inside the checkout, set CAAS_HOME, or pass --jars DIR"));
  }

  /** {@code start} or its nearest parent that is the project root. */
  public static Optional<Path> findProjectRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isProjectRoot(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public static boolean isProjectRoot(Path dir) {
    Path pom = dir.resolve("pom.xml");
    try {
      // A module's pom names caas-parent too, as its parent; only the root's own artifactId counts.
      return Files.isRegularFile(pom)
          && ROOT_ARTIFACT
              .matcher(PARENT_SECTION.matcher(Files.readString(pom)).replaceAll(""))
              .find();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The jar that runs {@code variant} (both compositions of a model share one); it may not exist.
   */
  public Path jarFor(Variant variant) {
    String module = variant.model().module();
    String name = module + "-" + version + "-all.jar";
    return projectRoot
        ? folder.resolve(module).resolve("target").resolve(name)
        : folder.resolve(name);
  }

  /** The command, run in the project root, that builds the jar for {@code variant}. */
  public String buildCommand(Variant variant) {
    return "./mvnw -q -pl " + variant.model().module() + " -am package -DskipTests";
  }

  /**
   * Where the variants' output goes: {@code target/caas-logs} under the project root, or beside the
   * jars.
   */
  public Path logFolder() {
    return projectRoot
        ? folder.resolve("target").resolve("caas-logs")
        : folder.resolve("caas-logs");
  }

  /** The project version this harness was built as: the variants' jars carry the same. */
  public static String harnessVersion() {
    try (InputStream in = VariantJars.class.getResourceAsStream("harness.properties")) {
      var properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String version = properties.getProperty("version", "");
      if (version.isBlank() || version.startsWith("${")) {
        throw new IllegalStateException(
            "harness.properties has no version: build the harness with Maven");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> harnessJarFolder() {
    try {
      var location = VariantJars.class.getProtectionDomain().getCodeSource().getLocation();
      return Optional.ofNullable(Path.of(location.toURI()).getParent());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
