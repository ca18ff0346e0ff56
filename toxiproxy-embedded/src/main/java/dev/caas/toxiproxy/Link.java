package dev.caas.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One direction of one connection: bytes read from {@code source}, passed through the proxy's toxic
 * chain for {@code direction}, written to {@code destination}.
 *
 * <p>While the direction has no toxics and nothing is queued, the reader writes each chunk itself,
 * straight from its buffer: no copy, no queue, no second thread woken, which is what a proxy with
 * nothing to inject should cost. Otherwise the reader only reads, timestamps and queues; the writer
 * owns all toxic state, so toxics need no locks, and it is the only place that waits: for each
 * segment, until the segment is due. The writer is started the first time it is needed, so a
 * connection without toxics holds one virtual thread per direction.
 */
final class Link {

  /**
   * How many bytes may wait between reader and writer. Bounds memory per link while a toxic holds
   * data back, and pushes back on a fast sender through TCP flow control, as Toxiproxy's buffered
   * channels do. Enough to keep a 100 ms latency link streaming at ~20 MB/s.
   */
  private static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;

  /** Queued only to wake an idle writer when the chain changed; never enters the chain. */
  private static final Segment WAKE_UP = new Segment.EndOfStream(0);

  private final Connection connection;
  private final Direction direction;
  private final Socket source;
  private final Socket destination;
  private final ToxicChain toxics;

  private final BlockingQueue<Segment> inbox = new LinkedBlockingQueue<>();
  private final Semaphore queuedBytes = new Semaphore(MAX_QUEUED_BYTES);

  /**
   * Segments the reader queued that the writer has not yet written; only the reader raises it, so
   * once the reader sees 0 nothing of its earlier data is still on its way.
   */
  private final AtomicInteger segmentsInWriter = new AtomicInteger();

  private volatile boolean stopped;
  private volatile String threadName;

  // Guarded by this.
  private Thread writer;

  // Writer-thread state: the chain last seen (read by the reader too), its running stages, and
  // what they emit.
  private volatile List<ToxicEntry> chainSeen = List.of();
  private List<Stage> stages = List.of();
  private List<Consumer<Segment>> stageInputs = List.of();
  private final List<Segment> emitted = new ArrayList<>();

  Link(
      Connection connection,
      Direction direction,
      Socket source,
      Socket destination,
      ToxicChain toxics) {
    this.connection = connection;
    this.direction = direction;
    this.source = source;
    this.destination = destination;
    this.toxics = toxics;
    rebuildInputs();
  }

  /**
   * Starts reading. What the pass-through loop read from the source before this link took over goes
   * to the destination first: {@code unwritten}, already due, as it is; then {@code delayed}, the
   * chunks the loop was holding back, through this link's chain from their arrival times.
   */
  void start(String name, byte[] unwritten, List<Segment.Data> delayed) {
    threadName = name + "-" + direction.apiName();
    Thread.ofVirtual().name(threadName + "-reader").start(() -> read(unwritten, delayed));
    if (!toxics.chain(direction).isEmpty()) {
      startWriter(); // timers of toxics present at connect start now
    }
  }

  /** The chain changed: let the writer pick it up (timers of new toxics start now). */
  void wake() {
    if (!stopped && threadName != null) { // a direction that ended before its link started stays so
      startWriter();
      inbox.add(WAKE_UP);
    }
  }

  /** Called by the connection as it closes; the sockets are already closed by then. */
  void stop() {
    stopped = true;
    queuedBytes.release(MAX_QUEUED_BYTES); // a reader waiting for room must not wait forever
    synchronized (this) {
      if (writer != null) {
        writer.interrupt();
      }
    }
  }

  private synchronized void startWriter() {
    if (writer == null && !stopped) {
      writer = Thread.ofVirtual().name(threadName + "-writer").start(this::write);
    }
  }

  private void read(byte[] unwritten, List<Segment.Data> delayed) {
    var buffers = new ReadBuffers();
    OutputStream straight;
    try {
      straight = destination.getOutputStream();
      straight.write(unwritten); // due before toxics were added, so it passes untouched
    } catch (IOException e) {
      connection.close();
      return;
    }
    try {
      for (Segment.Data chunk : delayed) { // queued before any new chunk, so order is kept
        queuedBytes.acquire(chunk.length());
        queue(chunk);
      }
      InputStream in = source.getInputStream();
      for (int n; (n = in.read(buffers.buffer())) >= 0; ) {
        byte[] buffer = buffers.buffer();
        long arrived = System.nanoTime();
        if (nothingToInject()) {
          writeStraight(straight, buffer, n);
        } else {
          queuedBytes.acquire(n);
          if (stopped) {
            return;
          }
          queue(new Segment.Data(Arrays.copyOf(buffer, n), arrived));
        }
        buffers.afterRead(n);
      }
    } catch (IOException | InterruptedException e) {
      // The source is gone (reset, or closed by us): like Toxiproxy, treat it as its end.
    } finally {
      buffers.release();
    }
    if (nothingToInject()) {
      connection.endOfStream(destination);
    } else {
      queue(new Segment.EndOfStream(System.nanoTime()));
    }
  }

  /**
   * True when a chunk may skip the writer: no toxic in the chain, none still running in the writer
   * (it has caught up with the chain), and nothing queued ahead of the chunk.
   */
  private boolean nothingToInject() {
    List<ToxicEntry> seen = chainSeen;
    return segmentsInWriter.get() == 0 && seen.isEmpty() && toxics.chain(direction).isEmpty();
  }

  private void writeStraight(OutputStream out, byte[] buffer, int length) throws IOException {
    try {
      out.write(buffer, 0, length);
    } catch (IOException e) {
      connection.close(); // the destination is gone: the whole connection is over
      throw e;
    }
  }

  private void queue(Segment segment) {
    segmentsInWriter.incrementAndGet();
    startWriter();
    inbox.add(segment);
  }

  private void write() {
    try {
      OutputStream out = destination.getOutputStream();
      refreshStages(); // timers of toxics present at connect start now
      while (!stopped) {
        Segment incoming = nextIncoming();
        long now = System.nanoTime();
        refreshStages(); // before the chunk, so a toxic added meanwhile applies to it
        fireTimers(now);
        if (incoming != null) {
          stageInputs.get(0).accept(incoming);
        }
        if (emit(out)) {
          return;
        }
        if (incoming != null) {
          segmentsInWriter.decrementAndGet(); // written, or dropped by a toxic: either way done
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // A failed write, or the connection closing under us: either way it is over.
      connection.close();
    } finally {
      stopped = true;
    }
  }

  /** Lets every stage whose deadline passed act; what it emits continues down the chain. */
  private void fireTimers(long now) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.deadlineNanos() != Stage.NO_DEADLINE && stage.deadlineNanos() - now <= 0) {
        stage.onDeadline(now, stageInputs.get(i + 1));
      }
    }
  }

  /** The next segment from the reader, or null when a stage's deadline passed or we were woken. */
  private Segment nextIncoming() throws InterruptedException {
    long deadline = Stage.NO_DEADLINE;
    for (Stage stage : stages) {
      long candidate = stage.deadlineNanos();
      if (candidate != Stage.NO_DEADLINE
          && (deadline == Stage.NO_DEADLINE || candidate - deadline < 0)) {
        deadline = candidate;
      }
    }
    Segment next =
        deadline == Stage.NO_DEADLINE
            ? inbox.take()
            : inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (next == WAKE_UP) {
      return null;
    }
    if (next instanceof Segment.Data data) {
      queuedBytes.release(data.length());
    }
    return next;
  }

  /**
   * Brings the running stages in line with the proxy's chain: keeps the stage of every toxic still
   * there (same entry), starts new or updated ones (drawing their toxicity once), and drops removed
   * ones, closing the connection if a removed toxic demands it.
   */
  private void refreshStages() {
    List<ToxicEntry> current = toxics.chain(direction);
    if (current == chainSeen) {
      return;
    }
    long now = System.nanoTime();
    Map<ToxicEntry, Stage> removed = new IdentityHashMap<>();
    List<Stage> next = restage(chainSeen, stages, current, now, removed);
    boolean endConnection = removed.values().stream().anyMatch(Stage::endsConnectionWhenRemoved);
    chainSeen = current;
    stages = next;
    rebuildInputs();
    if (endConnection) {
      emitted.add(new Segment.Abort(now, false));
    }
  }

  /**
   * The stages for the chain {@code current}, given the chain {@code seen} whose stages are {@code
   * stages}: the stage of every toxic still there (same entry) is kept, new or updated toxics start
   * (drawing their toxicity once), and the stages of removed toxics are put in {@code removed}. The
   * pass-through loop keeps its stages the same way.
   */
  static List<Stage> restage(
      List<ToxicEntry> seen,
      List<Stage> stages,
      List<ToxicEntry> current,
      long now,
      Map<ToxicEntry, Stage> removed) {
    for (int i = 0; i < seen.size(); i++) {
      removed.put(seen.get(i), stages.get(i));
    }
    List<Stage> next = new ArrayList<>(current.size());
    for (ToxicEntry entry : current) {
      Stage kept = removed.remove(entry);
      next.add(kept != null ? kept : startStage(entry, now));
    }
    return next;
  }

  private static Stage startStage(ToxicEntry entry, long now) {
    // Toxiproxy draws once per toxic per connection whether the toxic applies.
    boolean applies = ThreadLocalRandom.current().nextFloat() < entry.toxicity();
    return applies ? entry.toxic().start(now) : Stage.PASS_THROUGH;
  }

  /** stageInputs[i] feeds stage i; the last input collects what leaves the chain. */
  private void rebuildInputs() {
    List<Consumer<Segment>> inputs = new ArrayList<>(stages.size() + 1);
    for (int i = 0; i <= stages.size(); i++) {
      inputs.add(null);
    }
    inputs.set(stages.size(), emitted::add);
    for (int i = stages.size() - 1; i >= 0; i--) {
      Stage stage = stages.get(i);
      Consumer<Segment> downstreamOfStage = inputs.get(i + 1);
      inputs.set(i, segment -> stage.accept(segment, downstreamOfStage));
    }
    stageInputs = inputs;
  }

  /** Writes what the chain emitted, each piece when due; true once the link is finished. */
  private boolean emit(OutputStream out) throws IOException, InterruptedException {
    try {
      for (Segment segment : emitted) {
        sleepUntil(segment.dueNanos());
        // instanceof rather than a pattern switch: the switch's first run in a JVM bootstraps
        // its invokedynamic call site, which took hundreds of milliseconds on a busy machine and
        // landed on the first chunk a connection delivered.
        if (segment instanceof Segment.Data data) {
          out.write(data.bytes());
        } else if (segment instanceof Segment.Abort abort) {
          connection.abort(abort.reset());
          return true;
        } else {
          connection.endOfStream(destination); // Segment.EndOfStream
          return true;
        }
      }
      return false;
    } finally {
      emitted.clear();
    }
  }

  private static void sleepUntil(long dueNanos) throws InterruptedException {
    for (long wait; (wait = dueNanos - System.nanoTime()) > 0; ) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }
}
