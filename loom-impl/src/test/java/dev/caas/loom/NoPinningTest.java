package dev.caas.loom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogClient;
import dev.caas.testkit.SharedTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A virtual thread that blocks while pinned to its carrier holds that carrier like a platform
 * thread would, and the model's advantage is gone. JFR records such a block as {@code
 * jdk.VirtualThreadPinned} when it lasts longer than a threshold (20 ms by default; every wait of
 * these runs lasts ≥ 100 ms, so any pinned I/O wait would be recorded).
 */
class NoPinningTest {
  private static final Duration L = Duration.ofMillis(100);

  @Test
  void no_carrier_thread_is_pinned_while_requests_wait_for_io() throws Exception {
    for (var variant : List.of(Variant.LOOM_SEQUENTIAL, Variant.LOOM_GATHERED)) {
      var testbed = SharedTestbed.get();
      try (var running =
          LoomLauncher.LAUNCHER.launch(SharedTestbed.optionsFor(variant, Duration.ofSeconds(5)))) {
        var client = new DogClient(SharedTestbed.urlOf(running));
        client.photos(5, 5);
        List<RecordedEvent> pinned;
        testbed.setLatency(L, L);
        try {
          pinned =
              recordPinning(
                  () -> assertThat(client.photos(20, 10)).allMatch(a -> a.status() == 200));
        } finally {
          testbed.setLatency(Duration.ZERO, Duration.ZERO);
        }
        assertThat(pinned).as(variant.wireName() + " pinned its carrier: " + pinned).isEmpty();
      }
    }
  }

  /**
   * The check can fail: a virtual thread that sleeps inside a class initializer is pinned, and
   * recorded.
   */
  @Test
  void the_pinning_check_catches_a_thread_that_blocks_while_pinned() throws Exception {
    var pinned =
        recordPinning(
            () -> {
              var done = new CountDownLatch(1);
              Thread.ofVirtual()
                  .start(
                      () -> {
                        SleepsWhileInitialising.touch();
                        done.countDown();
                      });
              done.await();
            });
    assertThat(pinned).isNotEmpty();
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static List<RecordedEvent> recordPinning(Work work) throws Exception {
    Path file = Files.createTempFile("pinning", ".jfr");
    try (var recording = new Recording()) {
      recording
          .enable("jdk.VirtualThreadPinned")
          .withThreshold(Duration.ofMillis(20))
          .withStackTrace();
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
          .toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Blocking inside {@code <clinit>} pins a virtual thread on every JDK up to at least 25. */
  private static final class SleepsWhileInitialising {
    static {
      try {
        Thread.sleep(60);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }
}
