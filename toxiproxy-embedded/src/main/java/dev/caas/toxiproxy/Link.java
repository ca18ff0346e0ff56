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
import java.util.function.Consumer;

/**
 * One direction of one connection: bytes read from {@code source}, passed through the proxy's toxic
 * chain for {@code direction}, written to {@code destination}.
 *
 * <p>The reader only reads and timestamps. The writer owns all toxic state, so toxics need no
 * locks, and it is the only place that waits: for each segment, until the segment is due.
 */
final class Link {

  private static final int READ_SIZE = 16 * 1024;

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
  private volatile boolean stopped;
  private volatile Thread writer;

  // Writer-thread state: the chain last seen, its running stages, and what they emit.
  private List<ToxicEntry> chainSeen = List.of();
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

  void start(String name) {
    Thread.ofVirtual().name(name + "-" + direction.apiName() + "-reader").start(this::read);
    writer =
        Thread.ofVirtual().name(name + "-" + direction.apiName() + "-writer").start(this::write);
  }

  /** The chain changed: let an idle writer pick it up (timers of new toxics start now). */
  void wake() {
    if (!stopped) {
      inbox.add(WAKE_UP);
    }
  }

  /** Called by the connection as it closes; the sockets are already closed by then. */
  void stop() {
    stopped = true;
    queuedBytes.release(MAX_QUEUED_BYTES); // a reader waiting for room must not wait forever
    if (writer != null) {
      writer.interrupt();
    }
  }

  private void read() {
    byte[] buffer = new byte[READ_SIZE];
    try {
      InputStream in = source.getInputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        long arrived = System.nanoTime();
        queuedBytes.acquire(n);
        if (stopped) {
          return;
        }
        inbox.add(new Segment.Data(Arrays.copyOf(buffer, n), arrived));
      }
    } catch (IOException | InterruptedException e) {
      // The source is gone (reset, or closed by us): like Toxiproxy, treat it as its end.
    }
    inbox.add(new Segment.EndOfStream(System.nanoTime()));
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
    Map<ToxicEntry, Stage> running = new IdentityHashMap<>();
    for (int i = 0; i < chainSeen.size(); i++) {
      running.put(chainSeen.get(i), stages.get(i));
    }
    List<Stage> next = new ArrayList<>(current.size());
    for (ToxicEntry entry : current) {
      Stage kept = running.remove(entry);
      next.add(kept != null ? kept : startStage(entry, now));
    }
    boolean endConnection = running.values().stream().anyMatch(Stage::endsConnectionWhenRemoved);
    chainSeen = current;
    stages = next;
    rebuildInputs();
    if (endConnection) {
      emitted.add(new Segment.Abort(now, false));
    }
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
        switch (segment) {
          case Segment.Data data -> out.write(data.bytes());
          case Segment.EndOfStream end -> {
            connection.endOfStream(destination);
            return true;
          }
          case Segment.Abort abort -> {
            connection.abort(abort.reset());
            return true;
          }
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
