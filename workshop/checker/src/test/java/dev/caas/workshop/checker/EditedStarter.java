package dev.caas.workshop.checker;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;

/**
 * An exercise's jar as an attendee leaves it after one edit: the starter's jar with its {@code
 * DogHandler} replaced by another source file, compiled against the test's class path (which holds
 * every exercise and what it needs). This is how {@link CheckerTest} grades the wrong solutions an
 * attendee really wrote, without a Maven module for each.
 *
 * <p>The handler's classes sit where the starter's did: at the root of a shaded jar, under {@code
 * BOOT-INF/classes/} of a Spring Boot jar. Every other entry is copied as it is (a Spring Boot
 * jar's nested jars stay stored, uncompressed, as its loader needs).
 */
final class EditedStarter {
  private EditedStarter() {}

  /**
   * Builds {@code folder/exercise-NAME-edited.jar} from the starter's jar and the handler's source.
   */
  static Path build(Path starterJar, Path handlerSource, Path folder) throws IOException {
    Path classes = folder.resolve("classes");
    Files.createDirectories(classes);
    compile(handlerSource, classes);
    List<Path> compiled;
    try (Stream<Path> files = Files.walk(classes)) {
      compiled = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    if (compiled.isEmpty()) {
      throw new IllegalStateException(handlerSource + " compiled to no class");
    }
    String handlerClass = classes.relativize(compiled.getFirst()).toString().replace('\\', '/');
    String packageFolder = handlerClass.substring(0, handlerClass.lastIndexOf('/') + 1);
    Path edited = folder.resolve(starterJar.getFileName().toString().replace("-all", "-edited"));
    try (var starter = new JarFile(starterJar.toFile());
        var out = new JarOutputStream(Files.newOutputStream(edited))) {
      String prefix = null;
      for (JarEntry entry : starter.stream().toList()) {
        String name = entry.getName();
        if (name.endsWith(packageFolder + "DogHandler.class")) {
          prefix = name.substring(0, name.length() - (packageFolder + "DogHandler.class").length());
        }
        if (name.contains(packageFolder + "DogHandler")) {
          continue;
        }
        var copy = new JarEntry(entry);
        if (copy.getMethod() == ZipEntry.DEFLATED) {
          copy.setCompressedSize(-1);
        }
        out.putNextEntry(copy);
        try (var in = starter.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
      if (prefix == null) {
        throw new IllegalStateException(starterJar + " has no " + packageFolder + "DogHandler");
      }
      for (Path file : compiled) {
        out.putNextEntry(
            new JarEntry(prefix + classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return edited;
  }

  private static void compile(Path source, Path classes) {
    var compiler = ToolProvider.getSystemJavaCompiler();
    var errors = new StringWriter();
    var arguments =
        new ArrayList<>(
            List.of(
                "--release",
                "21",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString()));
    try (var files = compiler.getStandardFileManager(null, null, null)) {
      var units = files.getJavaFileObjects(source);
      boolean compiled = compiler.getTask(errors, files, null, arguments, null, units).call();
      if (!compiled) {
        throw new IllegalStateException(source + " does not compile:\n" + errors);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
