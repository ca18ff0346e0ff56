package dev.caas.harness.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caas.contract.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantJarsTest {

  @Test
  void the_project_root_is_found_from_a_folder_inside_it(@TempDir Path folder) throws Exception {
    Path root = projectRoot(folder);
    Path inside = Files.createDirectories(root.resolve("harness/src"));

    VariantJars jars = VariantJars.locate(null, Map.of(), inside);

    assertThat(jars.folder()).isEqualTo(root);
    assertThat(jars.projectRoot()).isTrue();
    String version = VariantJars.harnessVersion();
    assertThat(jars.jarFor(Variant.SYNC_GATHERED))
        .isEqualTo(root.resolve("sync-impl/target/sync-impl-" + version + "-all.jar"));
    assertThat(jars.jarFor(Variant.REACTIVE_SEQUENTIAL).toString()).contains("reactive-impl");
    assertThat(jars.logFolder()).isEqualTo(root.resolve("target/caas-logs"));
    assertThat(jars.buildCommand(Variant.LOOM_SEQUENTIAL))
        .isEqualTo("./mvnw -q -pl loom-impl -am package -DskipTests");
  }

  @Test
  void a_module_pom_is_not_the_project_root(@TempDir Path folder) throws Exception {
    Path root = projectRoot(folder);
    Path module = Files.createDirectories(root.resolve("harness"));
    Files.writeString(
        module.resolve("pom.xml"),
        "<project><parent><artifactId>caas-parent</artifactId></parent><artifactId>harness</artifactId></project>");

    assertThat(VariantJars.findProjectRoot(module)).contains(root);
  }

  @Test
  void caas_home_names_the_project_root(@TempDir Path folder) throws Exception {
    Path root = projectRoot(folder);

    VariantJars jars = VariantJars.locate(null, Map.of("CAAS_HOME", root.toString()), Path.of("/"));

    assertThat(jars.folder()).isEqualTo(root);
  }

  @Test
  void a_folder_of_jars_holds_them_directly(@TempDir Path folder) {
    VariantJars jars = VariantJars.locate(folder, Map.of(), Path.of("/"));

    assertThat(jars.projectRoot()).isFalse();
    assertThat(jars.jarFor(Variant.SYNC_SEQUENTIAL).getParent()).isEqualTo(folder);
  }

  @Test
  void caas_home_that_is_not_the_project_is_an_error(@TempDir Path folder) {
    assertThatThrownBy(
            () -> VariantJars.locate(null, Map.of("CAAS_HOME", folder.toString()), folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAAS_HOME");
  }

  private static Path projectRoot(Path folder) throws Exception {
    Path root = Files.createDirectories(folder.resolve("caas")).toRealPath();
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project>
          <groupId>dev.caas</groupId>
          <artifactId>caas-parent</artifactId>
        </project>
        """);
    return root;
  }
}
