package dev.caas.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock is seen by other processes, as the build's other test JVMs would see it: a probe in a
 * JVM of its own tries to take the file, exclusively or shared, without waiting.
 */
class QuietMachineTest {
  @TempDir Path dir;
  private Path lockFile;
  private String before;

  private static final String PROBE =
      """
      import java.nio.channels.FileChannel;
      import java.nio.file.Path;
      import java.nio.file.StandardOpenOption;

      public class Probe {
        public static void main(String[] args) throws Exception {
          try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            boolean shared = args[1].equals("shared");
            System.exit(channel.tryLock(0, Long.MAX_VALUE, shared) == null ? 1 : 0);
          }
        }
      }
      """;

  @BeforeEach
  void pointTheLockAtATemporaryFile() throws Exception {
    Files.writeString(dir.resolve("Probe.java"), PROBE);
    lockFile = dir.resolve("quiet-machine.lock");
    before = System.getProperty(QuietMachine.LOCK_FILE);
    System.setProperty(QuietMachine.LOCK_FILE, lockFile.toString());
  }

  @AfterEach
  void restoreTheBuildsLock() {
    if (before == null) {
      System.clearProperty(QuietMachine.LOCK_FILE);
    } else {
      System.setProperty(QuietMachine.LOCK_FILE, before);
    }
  }

  @Test
  void a_busy_test_keeps_a_timing_bound_one_waiting_but_not_another_busy_one() throws Exception {
    var busy = new QuietMachine.Shared();
    busy.beforeEach(null);
    try {
      assertThat(anotherProcessCanTake("exclusive")).isFalse();
      assertThat(anotherProcessCanTake("shared")).isTrue();
    } finally {
      busy.afterEach(null);
    }
    assertThat(anotherProcessCanTake("exclusive")).isTrue();
  }

  @Test
  void a_timing_bound_test_runs_alone() throws Exception {
    var alone = new QuietMachine.Alone();
    alone.beforeEach(null);
    try {
      assertThat(anotherProcessCanTake("shared")).isFalse();
    } finally {
      alone.afterEach(null);
    }
    assertThat(anotherProcessCanTake("shared")).isTrue();
  }

  @Test
  void a_suite_run_from_within_a_busy_test_does_not_wait_for_its_own_caller() throws Exception {
    var busy = new QuietMachine.Shared();
    var alone = new QuietMachine.Alone();
    busy.beforeEach(null);
    alone.beforeEach(null); // would wait forever if it asked the file again
    alone.afterEach(null);
    assertThat(anotherProcessCanTake("exclusive")).as("still held by the caller").isFalse();
    busy.afterEach(null);
    assertThat(anotherProcessCanTake("exclusive")).isTrue();
  }

  @Test
  void without_the_builds_property_nothing_is_locked() throws Exception {
    System.clearProperty(QuietMachine.LOCK_FILE);
    var alone = new QuietMachine.Alone();
    alone.beforeEach(null);
    try {
      assertThat(lockFile).doesNotExist();
    } finally {
      alone.afterEach(null);
    }
  }

  private boolean anotherProcessCanTake(String how) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process probe =
        new ProcessBuilder(java, dir.resolve("Probe.java").toString(), lockFile.toString(), how)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe finished").isTrue();
    return probe.exitValue() == 0;
  }
}
