package dev.caas.harness.text;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a bench is doing, for the person waiting: at {@code --latency 15s} one variant takes minutes
 * and the first answers arrive after 45 s, so silence would look like a hang.
 */
public interface Progress extends AutoCloseable {

  /** Says nothing; for tests and {@code --quiet}. */
  Progress SILENT =
      new Progress() {
        @Override
        public void phase(String variant, String what) {}

        @Override
        public void requests(String variant, int done, int total) {}

        @Override
        public void warn(String message) {}
      };

  /** A variant entered a phase: starting, warming up, measuring, stopping. */
  void phase(String variant, String what);

  /**
   * {@code done} of {@code total} measured requests have finished; called from the client's
   * threads.
   */
  void requests(String variant, int done, int total);

  /** Something the user must know, such as a variant skipped. */
  void warn(String message);

  /** Stops any timer the progress keeps; nothing to do for most. */
  @Override
  default void close() {}

  /**
   * On a terminal: a one-line progress bar for the measured requests, redrawn in place, and a line
   * per phase. Elsewhere (CI logs, tests): lines on {@code out}, at most one a second for requests,
   * and a reminder every ten seconds while nothing finishes.
   */
  static Progress console(PrintStream out) {
    return new ConsoleProgress(out, interactive());
  }

  /** Whether stderr is a terminal a bar can redraw, as far as the JDK can tell. */
  private static boolean interactive() {
    var console = System.console();
    if (console == null || System.getenv("CI") != null) {
      return false;
    }
    try {
      // JDK 22+ returns a Console even when redirected and says whether it is a terminal; JDK 21
      // returns
      // one only for a terminal. Called reflectively to keep release-21 bytecode.
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException olderJdk) {
      return true;
    }
  }

  /**
   * Rate-limited console lines, or a bar on a terminal; see {@link Progress#console(PrintStream)}.
   */
  final class ConsoleProgress implements Progress {
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(10);
    private static final int BAR_WIDTH = 30;
    private final PrintStream out;
    private final boolean bar;
    private boolean barShown;
    private long lastBar;
    private final ScheduledExecutorService heartbeat;
    private long lastLine = System.nanoTime();
    private long phaseStart = System.nanoTime();
    private String currentVariant = "";
    private int done;
    private int total;

    ConsoleProgress(PrintStream out, boolean bar) {
      this.out = out;
      this.bar = bar;
      this.heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
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
      if (bar) {
        if (done == total || System.nanoTime() - lastBar >= TimeUnit.MILLISECONDS.toNanos(100)) {
          drawBar(variant);
        }
      } else if (done == total || System.nanoTime() - lastLine >= TimeUnit.SECONDS.toNanos(1)) {
        print(variant + ": " + done + "/" + total + " requests");
      }
    }

    /** {@code sync-sequential [██████░░░░] 60% 54/90 2.1 s}, redrawn over itself. */
    private void drawBar(String variant) {
      int filled = total == 0 ? 0 : (int) ((long) done * BAR_WIDTH / total);
      double seconds = (System.nanoTime() - phaseStart) / 1e9;
      out.print(
          String.format(
              Locale.ROOT,
              "\r%s [%s%s] %3d%%  %d/%d  %.1f s ",
              variant,
              "█".repeat(filled),
              "░".repeat(BAR_WIDTH - filled),
              total == 0 ? 0 : done * 100L / total,
              done,
              total,
              seconds));
      out.flush();
      barShown = true;
      lastBar = System.nanoTime();
    }

    @Override
    public synchronized void warn(String message) {
      print(message);
    }

    private synchronized void remindIfQuiet() {
      if (bar) {
        if (total > 0 && done < total) {
          drawBar(currentVariant);
        }
        return;
      }
      if (total > 0 && done < total && System.nanoTime() - lastLine >= QUIET_LIMIT.toNanos()) {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phaseStart);
        print(
            currentVariant
                + ": "
                + done
                + "/"
                + total
                + " requests, "
                + elapsed
                + " s into the run");
      }
    }

    private void print(String line) {
      if (barShown) {
        out.println();
        barShown = false;
      }
      out.println(line);
      out.flush();
      lastLine = System.nanoTime();
    }

    @Override
    public synchronized void close() {
      heartbeat.shutdownNow();
      if (barShown) {
        out.println();
        barShown = false;
      }
    }
  }
}
