package dev.caas.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a bench is doing, for the person waiting: at {@code --latency 15s} one variant takes minutes and the
 * first answers arrive after 45 s, so silence would look like a hang.
 */
public interface Progress extends AutoCloseable {

  /** Says nothing; for tests and {@code --quiet}. */
  Progress SILENT = new Progress() {
    @Override
    public void phase(String variant, String what) {}

    @Override
    public void requests(String variant, int done, int total) {}

    @Override
    public void warn(String message) {}
  };

  /** A variant entered a phase: starting, warming up, measuring, stopping. */
  void phase(String variant, String what);

  /** {@code done} of {@code total} measured requests have finished; called from the client's threads. */
  void requests(String variant, int done, int total);

  /** Something the user must know, such as a variant skipped. */
  void warn(String message);

  /** Stops any timer the progress keeps; nothing to do for most. */
  @Override
  default void close() {}

  /**
   * Lines on {@code out} (stderr), at most one a second for requests, and a reminder every ten seconds
   * while nothing finishes.
   */
  static Progress console(PrintStream out) {
    return new ConsoleProgress(out);
  }

  /** Rate-limited console lines; see {@link Progress#console(PrintStream)}. */
  final class ConsoleProgress implements Progress {
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(10);
    private final PrintStream out;
    private final ScheduledExecutorService heartbeat;
    private long lastLine = System.nanoTime();
    private long phaseStart = System.nanoTime();
    private String currentVariant = "";
    private int done;
    private int total;

    private ConsoleProgress(PrintStream out) {
      this.out = out;
      this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "caas-progress");
        thread.setDaemon(true);
        return thread;
      });
      heartbeat.scheduleAtFixedRate(this::remindIfQuiet, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void phase(String variant, String what) {
      currentVariant = variant;
      done = 0;
      total = 0;
      phaseStart = System.nanoTime();
      print(variant + ": " + what);
    }

    @Override
    public synchronized void requests(String variant, int done, int total) {
      this.done = done;
      this.total = total;
      if (done == total || System.nanoTime() - lastLine >= TimeUnit.SECONDS.toNanos(1)) {
        print(variant + ": " + done + "/" + total + " requests");
      }
    }

    @Override
    public synchronized void warn(String message) {
      print(message);
    }

    private synchronized void remindIfQuiet() {
      if (total > 0 && done < total && System.nanoTime() - lastLine >= QUIET_LIMIT.toNanos()) {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phaseStart);
        print(currentVariant + ": " + done + "/" + total + " requests, " + elapsed + " s into the run");
      }
    }

    private void print(String line) {
      out.println(line);
      out.flush();
      lastLine = System.nanoTime();
    }

    @Override
    public void close() {
      heartbeat.shutdownNow();
    }
  }
}
