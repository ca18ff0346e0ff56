package dev.caas.harness.cost;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's own account of its native memory: Native Memory Tracking's summary ({@code jcmd <pid>
 * VM.native_memory summary scale=KB}), read through the DiagnosticCommand MBean. It needs the
 * variant to run with {@code -XX:NativeMemoryTracking=summary} (a few per cent of overhead on
 * malloc-heavy code; nothing on the request path here).
 *
 * <p>Only three kinds of line are read; the rest of the report (malloc counts, peaks, metaspace
 * detail) changes between JDK releases and is not needed:
 *
 * <pre>
 * Total: reserved=1607695KB, committed=236111KB
 * -                    Thread (reserved=26712KB, committed=1748KB)
 *                             (threads #26)
 *                             (stack: reserved=26624KB, committed=1660KB, peak=1660KB)
 * </pre>
 *
 * <p>The thread stack line is the one the sync model is about: HotSpot finds the committed part of
 * each thread's stack with {@code mincore}, so {@code committed / threads} is the measured stack of
 * a platform thread, to set beside the predicted one.
 *
 * @param reservedBytes address space the JVM reserved, all categories
 * @param committedBytes memory the JVM committed, all categories: compare with RSS
 * @param committedByCategory committed bytes per NMT category ({@code Java Heap}, {@code Thread},
 *     {@code Class}, {@code Code}, {@code GC}, …)
 * @param threads threads NMT counts (platform threads, JVM-internal ones included)
 * @param threadStackCommittedBytes committed bytes of all thread stacks
 */
public record NativeMemory(
    long reservedBytes,
    long committedBytes,
    Map<String, Long> committedByCategory,
    int threads,
    long threadStackCommittedBytes) {

  private static final Pattern TOTAL =
      Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB", Pattern.MULTILINE);
  private static final Pattern CATEGORY =
      Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
  private static final Pattern THREADS = Pattern.compile("\\(threads #(\\d+)\\)");
  private static final Pattern STACK =
      Pattern.compile("\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB");

  public NativeMemory {
    committedByCategory = Map.copyOf(committedByCategory);
  }

  /**
   * The arguments of the diagnostic command: the summary, in kilobytes whatever the JDK's default.
   */
  static final String[] SUMMARY_IN_KB = {"summary", "scale=KB"};

  /**
   * Reads an NMT summary. Empty when tracking is off ("Native memory tracking is not enabled") or
   * the text has no total line.
   */
  public static Optional<NativeMemory> parse(String summary) {
    Matcher total = TOTAL.matcher(summary);
    if (!total.find()) {
      return Optional.empty();
    }
    Map<String, Long> committed = new LinkedHashMap<>();
    Matcher category = CATEGORY.matcher(summary);
    while (category.find()) {
      committed.put(category.group(1).trim(), kib(category.group(3)));
    }
    Matcher threads = THREADS.matcher(summary);
    Matcher stack = STACK.matcher(summary);
    return Optional.of(
        new NativeMemory(
            kib(total.group(1)),
            kib(total.group(2)),
            committed,
            threads.find() ? Integer.parseInt(threads.group(1)) : 0,
            stack.find() ? kib(stack.group(2)) : 0));
  }

  /**
   * Committed bytes of one category, 0 when NMT did not list it (categories under 1 KB are
   * omitted).
   */
  public long committed(String category) {
    return committedByCategory.getOrDefault(category, 0L);
  }

  /** The average committed stack of one thread: the sync model's main cost, measured. */
  public long stackCommittedPerThread() {
    return threads == 0 ? 0 : threadStackCommittedBytes / threads;
  }

  private static long kib(String digits) {
    return Long.parseLong(digits) * 1024;
  }
}
