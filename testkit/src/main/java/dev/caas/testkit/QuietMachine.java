package dev.caas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps a timing-bound test off a busy machine in a parallel build.
 *
 * <p>{@code ./mvnw -T 2 verify} builds two modules at a time on two cores. A test that asserts a
 * bound in milliseconds ({@link FaultContract}: the error within the deadline + 50 ms) fails when
 * another module's test spends those cores at the same moment: a headless browser rendering the
 * report, a class-path scan, a fresh JVM compiling, a burst of two thousand requests. The bound is
 * right (the variant aims at the deadline − 50 ms); the machine was not the variant's.
 *
 * <p>So the two kinds of test take one lock, a file shared by every test JVM of the build: a test
 * of an {@link Alone} class holds it exclusively, from before its {@code @BeforeEach} to after its
 * {@code @AfterEach}; a test of a {@link Shared} class holds it shared, so such tests run beside
 * each other freely and only wait while a timing-bound test runs, which waits in turn for the
 * shared tests running to finish. The lock is taken per test, not per class, so the two modules
 * interleave test by test instead of one waiting for the other's whole suite.
 *
 * <p>The build names the file with the system property {@value #LOCK_FILE} (the root pom's surefire
 * configuration). Without it nothing is locked: {@code caas conform} measuring somebody's
 * implementation, and every process a test starts (they do not inherit a JVM's system properties),
 * never wait for a lock nobody releases. A test that asks for the lock while its own thread already
 * holds it (a suite run from within a test) goes on without asking twice.
 */
public final class QuietMachine {
  /** The system property naming the lock file; unset, no test waits for anything. */
  public static final String LOCK_FILE = "caas.quiet-machine.lock";

  private QuietMachine() {}

  /** Each test of the class runs with nothing {@link Shared} running anywhere in the build. */
  public static final class Alone extends Hold {
    public Alone() {
      super(false);
    }
  }

  /** Each test of the class busies the machine: it waits while an {@link Alone} test runs. */
  public static final class Shared extends Hold {
    public Shared() {
      super(true);
    }
  }

  /** The lock held from before a test's {@code @BeforeEach} to after its {@code @AfterEach}. */
  public abstract static sealed class Hold implements BeforeEachCallback, AfterEachCallback
      permits Alone, Shared {
    private final boolean shared;

    private Hold(boolean shared) {
      this.shared = shared;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
      acquire(shared);
    }

    @Override
    public void afterEach(ExtensionContext context) {
      release();
    }
  }

  /** How many locks this thread holds: a nested request is granted without asking again. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  // The state of this JVM's hold on the file. A JVM holds one file lock at a time (closing any
  // channel of a file drops all of a process's locks on it), so the threads of one JVM share it:
  // several shared holders, or one exclusive one.
  private static Path channelFile;
  private static FileChannel channel;
  private static FileLock fileLock;
  private static int sharedHolders;
  private static boolean exclusivelyHeld;

  private static void acquire(boolean shared) throws IOException, InterruptedException {
    String file = System.getProperty(LOCK_FILE);
    int[] depth = DEPTH.get();
    if (file == null) {
      return; // no lock in this build: nothing to hold, nothing to release
    }
    if (depth[0] > 0) {
      depth[0]++;
      return;
    }
    synchronized (QuietMachine.class) {
      while (exclusivelyHeld || (!shared && sharedHolders > 0)) {
        QuietMachine.class.wait();
      }
      if (sharedHolders == 0 && !Path.of(file).equals(channelFile)) {
        if (channel != null) {
          channel.close(); // nothing of this JVM holds it: a test pointed the property elsewhere
        }
        channelFile = Path.of(file);
        channel =
            FileChannel.open(
                channelFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
      }
      // Only the first holder of this JVM waits for the file, so no thread of it that must
      // release the lock is kept out of this monitor by one that waits for the file.
      if (!shared) {
        fileLock = channel.lock(0, Long.MAX_VALUE, false);
        exclusivelyHeld = true;
      } else if (sharedHolders == 0) {
        fileLock = channel.lock(0, Long.MAX_VALUE, true);
        sharedHolders = 1;
      } else {
        sharedHolders++;
      }
    }
    depth[0]++;
  }

  private static void release() {
    int[] depth = DEPTH.get();
    if (depth[0] == 0 || --depth[0] > 0) {
      return; // nothing held (no lock in this build, or acquire failed), or nested
    }
    synchronized (QuietMachine.class) {
      if (exclusivelyHeld) {
        exclusivelyHeld = false;
        releaseFile();
      } else if (--sharedHolders == 0) {
        releaseFile();
      }
      QuietMachine.class.notifyAll();
    }
  }

  private static void releaseFile() {
    try {
      fileLock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("could not release " + System.getProperty(LOCK_FILE), e);
    }
    fileLock = null;
  }
}
