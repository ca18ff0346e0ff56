package dev.caas.harness.cost;

import dev.caas.harness.cost.CostPart.Memory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one request holds while it waits, predicted part by part from first principles, per
 * concurrency model. The request waits on the upstream (the scale scenario's latency): it holds no
 * database connection then, and the pools it will use are shared, their size does not grow with the
 * requests in flight.
 *
 * <h2>Sync: a platform thread per request</h2>
 *
 * <ul>
 *   <li><b>The thread's stack, as committed.</b> On Linux a thread's stack is a mapping of {@code
 *       -Xss} bytes (1 MiB by default on x86-64, per the {@code java} launcher's documentation of
 *       {@code -Xss}), <em>reserved</em> up front and <em>committed</em> a page at a time as it is
 *       touched. What is touched: the frames down to the blocking call, the shadow zone HotSpot
 *       bangs below them ({@code StackShadowPages}), and the page of glibc's thread descriptor at
 *       the top. About 92 KiB at 70 frames, not 1 MiB; native memory, in RSS, never in the heap.
 *   <li><b>The thread's JVM structures.</b> HotSpot's {@code JavaThread}, its handle and resource
 *       areas: NMT's "Thread" category outside the stack, about 3 KiB a thread (measured with
 *       {@code -XX:NativeMemoryTracking=summary} on JDK 25: 88 KB of malloc and arena for 26
 *       threads).
 *   <li><b>The {@code Thread} object</b> with its holder, name and thread-local map: about 0.5 KiB
 *       of heap (field counts of JDK 25's classes, at 12-byte headers, 4-byte compressed references
 *       and 8-byte alignment).
 *   <li>The server's and the HTTP client's per-request state, as for loom.
 * </ul>
 *
 * <h2>Loom: a virtual thread per request</h2>
 *
 * <ul>
 *   <li><b>The stack chunk.</b> When a virtual thread parks, its frames are copied from the
 *       carrier's stack into a {@code jdk.internal.vm.StackChunk} object on the heap (JEP 444: "the
 *       stacks of virtual threads are stored in Java's garbage-collected heap as stack chunk
 *       objects"): the frames at the handler's depth plus the chunk's header, a few KiB, where a
 *       platform thread commits whole pages and a shadow zone.
 *   <li><b>The {@code VirtualThread}, its {@code Continuation} and its scheduling task</b>: about
 *       350 bytes of heap (field counts, as above).
 *   <li>The server's and the HTTP client's per-request state: the same Jetty and {@code
 *       java.net.http} as sync. A waiting request holds one upstream connection, and a pooled
 *       connection that has carried an answer keeps two things besides the exchange in progress:
 *       its read buffer ({@code jdk.httpclient.bufsize}, 16 KiB) and the exchange that opened it,
 *       which the JDK keeps reachable from the connection for as long as it lives (found with JFR's
 *       old-object samples and their paths to the GC roots; the same retention is reported in
 *       ecchronos issue #1614). Until blocking-kit's body collector dropped its buffer and handed
 *       the photo over, that first exchange pinned 116 KB a connection: the measured 170 kB per
 *       waiting request of the first scale run, ten times this prediction.
 * </ul>
 *
 * <h2>Reactive: a pipeline per request</h2>
 *
 * <ul>
 *   <li><b>The operator chain.</b> Each operator of the assembled {@code Mono} becomes a subscriber
 *       object when subscribed, with a reference up and down and its state: about 64 bytes each.
 *   <li><b>WebFlux's exchange</b> (request, response, headers, attributes) and <b>Reactor Netty's
 *       channel operations</b> on the inbound connection.
 *   <li><b>The pooled upstream connection</b>: a Netty channel with its pipeline, held by the
 *       request while it waits for the answer.
 *   <li><b>Netty buffers: none</b> while waiting. A channel holds no read buffer between reads (the
 *       adaptive allocator takes one per read, 2 KiB to start, and releases it); the pooled arenas
 *       belong to the event loops, not to requests.
 * </ul>
 *
 * <p>The per-request state of the server and the client is a stated assumption (object counts of a
 * few hundred objects at 50–80 bytes), not a documented size: it is the part most likely to be
 * wrong, and the measured slope says by how much.
 *
 * @param model the concurrency model
 * @param shape the assumptions the prediction rests on
 * @param parts what one waiting request holds
 */
public record WaitingRequestCost(ConcurrencyModel model, HandlerShape shape, List<CostPart> parts) {

  private static final long KIB = 1024;

  public WaitingRequestCost {
    parts = List.copyOf(parts);
  }

  /**
   * The prediction for a model, at the handler's shape: the model's own parts and the I/O state.
   */
  public static WaitingRequestCost predict(ConcurrencyModel model, HandlerShape shape) {
    List<CostPart> parts = new ArrayList<>(predictModelOnly(model, shape).parts());
    parts.addAll(serverAndClient(model));
    return new WaitingRequestCost(model, shape, parts);
  }

  /**
   * What the concurrency model itself holds per waiting request — the thread (its stack, its
   * objects) or the operator chain — without the server's and the HTTP client's state: what a bare
   * thread parked at the handler's depth costs.
   */
  public static WaitingRequestCost predictModelOnly(ConcurrencyModel model, HandlerShape shape) {
    List<CostPart> parts = new ArrayList<>();
    switch (model) {
      case SYNC -> {
        parts.add(
            new CostPart(
                "platform thread stack, committed",
                shape.committedStackBytes(),
                Memory.NATIVE,
                shape.stackFrames()
                    + " frames × "
                    + shape.bytesPerFrame()
                    + " B + "
                    + shape.stackShadowPages()
                    + " shadow pages + 1 page for glibc's thread descriptor, in "
                    + shape.pageBytes()
                    + " B pages; -Xss is reserved, not committed"));
        parts.add(
            new CostPart(
                "JavaThread and its handle and resource areas",
                3 * KIB,
                Memory.NATIVE,
                "NMT 'Thread' malloc + arena per thread, JDK 25"));
        parts.add(
            new CostPart(
                "Thread object, holder, name, thread-locals",
                KIB / 2,
                Memory.HEAP,
                "field counts of Thread and Thread.FieldHolder, compressed oops"));
      }
      case LOOM -> {
        parts.add(
            new CostPart(
                "virtual thread stack chunk",
                shape.frameBytes() + 64,
                Memory.HEAP,
                shape.stackFrames()
                    + " frames × "
                    + shape.bytesPerFrame()
                    + " B + the chunk's header; JEP 444: stacks live on the heap as stack chunks"));
        parts.add(
            new CostPart(
                "VirtualThread, Continuation, scheduling task",
                350,
                Memory.HEAP,
                "field counts of VirtualThread, Thread, Continuation, compressed oops"));
      }
      case REACTIVE -> {
        parts.add(
            new CostPart(
                "Reactor operator chain (handler, WebFlux, WebClient)",
                shape.operatorsPerRequest() * 64L,
                Memory.HEAP,
                shape.operatorsPerRequest() + " operators × 64 B subscriber"));
      }
    }
    return new WaitingRequestCost(model, shape, parts);
  }

  /** The server's and the HTTP client's state of one waiting request, per model. */
  private static List<CostPart> serverAndClient(ConcurrencyModel model) {
    if (model != ConcurrencyModel.REACTIVE) {
      return jettyAndHttpClient();
    }
    return List.of(
        new CostPart(
            "WebFlux exchange and Reactor Netty's server operations",
            3 * KIB,
            Memory.HEAP,
            "assumption: ~50 objects (request, response, headers, attributes) × 60 B"),
        new CostPart(
            "inbound Netty channel and pipeline",
            3 * KIB,
            Memory.HEAP,
            "assumption: channel, pipeline of ~8 handler contexts, outbound buffer"),
        new CostPart(
            "pooled upstream connection (channel, pipeline, client operations)",
            4 * KIB,
            Memory.HEAP,
            "assumption: as the inbound channel, plus the pool's entry and HTTP client state"),
        new CostPart(
            "Netty buffers while waiting",
            0,
            Memory.NATIVE,
            "none: read buffers are taken per read and released; arenas are per event loop"));
  }

  /** Sync and loom run the same server and client; only the thread differs. */
  private static List<CostPart> jettyAndHttpClient() {
    return List.of(
        new CostPart(
            "Jetty connection, request, response; Javalin context",
            4 * KIB,
            Memory.HEAP,
            "assumption: ~60 objects × 60 B; Jetty returns the request buffer to its pool once"
                + " parsed; no header field cache (blocking-kit turns it off: 96 KiB a connection)"),
        new CostPart(
            "java.net.http exchange",
            8 * KIB,
            Memory.HEAP,
            "assumption: ~150 objects (exchange, futures, socket tube) × 50 B"),
        new CostPart(
            "the upstream connection's read buffer",
            16 * KIB,
            Memory.HEAP,
            "jdk.httpclient.bufsize, 16 KiB by default: a connection that has read an answer keeps"
                + " its current buffer for the next read"),
        new CostPart(
            "the exchange that opened the upstream connection",
            8 * KIB,
            Memory.HEAP,
            "java.net.http keeps it reachable from the pooled connection (its connect timer"
                + " event): objects as the exchange above; not the photo it carried, which"
                + " blocking-kit hands over once"));
  }

  /** The parts as a report prints them: what, bytes, where, and on what basis, in order. */
  public List<Map<String, Object>> toJsonFields() {
    return parts.stream()
        .map(
            p -> {
              Map<String, Object> part = new LinkedHashMap<>();
              part.put("what", p.what());
              part.put("bytes", p.bytes());
              part.put("memory", p.memory().name().toLowerCase(Locale.ROOT));
              part.put("basis", p.basis());
              return part;
            })
        .toList();
  }

  /** Bytes on the heap: what heap after GC should grow by per waiting request. */
  public long heapBytes() {
    return bytesIn(Memory.HEAP);
  }

  /** Bytes outside the heap: what RSS should grow by per waiting request, the heap pre-touched. */
  public long nativeBytes() {
    return bytesIn(Memory.NATIVE);
  }

  /** Everything one waiting request holds. */
  public long totalBytes() {
    return heapBytes() + nativeBytes();
  }

  /** The largest part in one kind of memory: the first suspect when the measurement disagrees. */
  public CostPart largest(Memory memory) {
    return parts.stream()
        .filter(p -> p.memory() == memory)
        .max(Comparator.comparingLong(CostPart::bytes))
        .orElseThrow();
  }

  private long bytesIn(Memory memory) {
    return parts.stream().filter(p -> p.memory() == memory).mapToLong(CostPart::bytes).sum();
  }
}
