package dev.caas.workshop.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads of a running JVM, from {@code jcmd PID Thread.print}: each thread's name, state and
 * stack, as the JDK prints them.
 */
record ThreadDump(List<ThreadDump.Thread> threads) {
  private static final Pattern HEADER = Pattern.compile("^\"(.+?)\" .*");
  private static final Pattern STATE =
      Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\S+)(?: \\((.+)\\))?");
  private static final Pattern FRAME = Pattern.compile("^\\s+at (\\S+?)\\(.*");

  /**
   * One thread.
   *
   * @param state {@code RUNNABLE}, {@code WAITING}, {@code TIMED_WAITING} or {@code BLOCKED}
   * @param frames its stack, innermost first: {@code java.lang.Thread.sleep0}
   */
  record Thread(String name, String state, List<String> frames) {}

  ThreadDump {
    threads = List.copyOf(threads);
  }

  /** Reads the output of {@code jcmd PID Thread.print}. */
  static ThreadDump parse(String text) {
    var threads = new ArrayList<Thread>();
    String name = null;
    String state = "";
    List<String> frames = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        if (name != null) {
          threads.add(new Thread(name, state, frames));
        }
        name = header.group(1);
        state = "";
        frames = new ArrayList<>();
        continue;
      }
      Matcher stateLine = STATE.matcher(line);
      if (stateLine.find()) {
        state = stateLine.group(1);
        continue;
      }
      Matcher frame = FRAME.matcher(line);
      if (frame.find() && name != null) {
        frames.add(frame.group(1));
      }
    }
    if (name != null) {
      threads.add(new Thread(name, state, frames));
    }
    return new ThreadDump(threads);
  }

  /**
   * Takes one with the {@code jcmd} of the JDK running the checker.
   *
   * @throws IOException when jcmd is missing or fails (the message says which)
   */
  static ThreadDump of(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      throw new IOException("no jcmd at " + jcmd + " (a JRE without the JDK's tools?)");
    }
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
            .redirectErrorStream(true)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          "jcmd "
              + pid
              + " Thread.print failed: "
              + new String(out, StandardCharsets.UTF_8).strip());
    }
    return parse(new String(out, StandardCharsets.UTF_8));
  }

  List<Thread> named(String prefix) {
    return threads.stream().filter(t -> t.name().startsWith(prefix)).toList();
  }
}
