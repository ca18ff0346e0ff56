package dev.caas.harness.cost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every thread of a JVM, counted from its JSON thread dump ({@code jcmd <pid> Thread.dump_to_file
 * -format=json}): how many are virtual, how many are platform threads, and how deep their stacks
 * are.
 *
 * <h2>Why a thread dump</h2>
 *
 * A waiting virtual thread is parked: it is on no carrier and in no queue, so nothing that counts
 * mounted or queued threads sees it (the scheduler's MXBean and {@code jcmd
 * Thread.vthread_scheduler} on JDK 24+ count exactly those two). JFR's {@code
 * jdk.VirtualThreadStart}/{@code End} events are off by default, cost an event per request, and
 * give a count only relative to when the recording began. The JSON thread dump lists every virtual
 * thread the JDK tracks — all of them, as {@code jdk.trackAllThreads} is true by default — each
 * with its stack. So it gives the number in flight <em>and</em> the depth at which each one waits,
 * which is what its stack chunk on the heap holds. The price: a dump of 9,000 threads is a few
 * megabytes, written by the target, so it is taken at sample points only, never continuously.
 *
 * @param virtualThreads virtual threads alive (started, not terminated)
 * @param platformThreads platform threads in the dump (Java threads; the JVM's own GC and compiler
 *     threads are not Java threads and are not listed)
 * @param virtualStackFramesMedian the median number of Java frames of a virtual thread's stack, 0
 *     when there are none
 * @param platformStackFramesMedian the median number of Java frames of a platform thread's stack
 */
public record ThreadCensus(
    int virtualThreads,
    int platformThreads,
    int virtualStackFramesMedian,
    int platformStackFramesMedian) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a JSON thread dump as a stream, one thread at a time: the dump of 9,000 threads is never
   * held as one tree.
   */
  public static ThreadCensus read(InputStream threadDumpJson) throws IOException {
    List<Integer> virtualDepths = new ArrayList<>();
    List<Integer> platformDepths = new ArrayList<>();
    try (JsonParser parser = new JsonFactory(JSON).createParser(threadDumpJson)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME
            && "threads".equals(parser.currentName())
            && parser.nextToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode thread = parser.readValueAsTree();
            int depth = thread.path("stack").size();
            (thread.path("virtual").asBoolean(false) ? virtualDepths : platformDepths).add(depth);
          }
        }
      }
    }
    return new ThreadCensus(
        virtualDepths.size(), platformDepths.size(), median(virtualDepths), median(platformDepths));
  }

  private static int median(List<Integer> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Integer> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
