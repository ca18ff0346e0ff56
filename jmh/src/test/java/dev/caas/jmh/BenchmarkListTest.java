package dev.caas.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The annotation processor writes {@code META-INF/BenchmarkList}; without it the jar runs no
 * benchmark and says only "No matching benchmarks". Since JDK 23 javac skips processors it merely
 * finds on the classpath, so that failure is one pom edit away, and silent. These tests make it
 * loud.
 */
class BenchmarkListTest {

  private static final List<Class<?>> BENCHMARKS =
      List.of(
          Bench01_SequentialVsGatheredFutures.class,
          Bench02_MonoZip.class,
          Bench03_VirtualThreadForkJoin.class,
          Bench04_VirtualThreadVsPooledPlatformThread.class,
          Bench05_RecordingPath.class);

  @Test
  void the_annotation_processor_lists_every_benchmark_class() throws Exception {
    List<String> classes =
        benchmarkList().stream().map(BenchmarkListEntry::getUserClassQName).toList();

    assertThat(classes).containsAll(BENCHMARKS.stream().map(Class::getName).toList());
  }

  @Test
  void every_benchmark_class_has_a_baseline() throws Exception {
    List<String> benchmarks =
        benchmarkList().stream().map(BenchmarkListEntry::getUsername).toList();

    assertThat(benchmarks)
        .containsAll(BENCHMARKS.stream().map(b -> b.getName() + ".baseline").toList());
  }

  @Test
  void every_benchmark_class_runs_alone() throws Exception {
    for (Class<?> benchmark : BENCHMARKS) {
      assertThat(benchmark.getMethod("main", String[].class))
          .as(benchmark.getSimpleName() + ".main")
          .isNotNull();
    }
  }

  /**
   * Read from the benchmarks' own classes folder, where the processor writes it, not the test
   * classpath.
   */
  private static List<BenchmarkListEntry> benchmarkList() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            Bench01_SequentialVsGatheredFutures.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Path list = classes.resolve(BenchmarkList.BENCHMARK_LIST.substring(1));
    assertThat(list).as("written by jmh-generator-annprocess").exists();
    try (InputStream in = Files.newInputStream(list)) {
      return BenchmarkList.readBenchmarkList(in);
    }
  }
}
