package dev.caas.toxiproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Carries the bytes of every connection whose proxy has no toxic but latency, for all proxies of
 * the JVM, on one platform thread around one {@link Selector} (epoll on Linux).
 *
 * <p>Why: a link's virtual thread parks each time its read has to wait and is unparked when data
 * arrives; a database round trip costs two such hand-offs, and a request makes several round trips.
 * With a latency toxic it is worse: the reader queues the chunk for a writer thread, which sleeps
 * until the chunk is due and is woken by the JDK's timer thread, four threads woken per chunk, each
 * a few hundred microseconds late when the machine is busy. A selector loop instead learns of every
 * ready socket from one system call and reads and writes it in place, and holds a delayed chunk
 * until the loop's own timer says it is due: no thread is woken per chunk but this one.
 *
 * <p>The loop reads each ready source into one shared buffer. With nothing to delay, it writes the
 * chunk to the destination at once; with a latency toxic, the chunk (a copy) joins its direction's
 * line of delayed chunks, due at its arrival plus the latency, passed through the same {@link
 * Stage}s the threaded links use, so the delays, the jitter draws and the toxicity draws are the
 * toxics' own. When the destination cannot take a chunk whole, the rest waits, the loop stops
 * reading that source and watches the destination for room instead, so a slow receiver pushes back
 * on the sender through TCP flow control, as the threaded links do; so does a line of delayed
 * chunks longer than a link's queue.
 *
 * <p>A connection leaves the loop for its threaded {@link Link}s the moment a toxic other than
 * latency is added to its proxy ({@link #handOver}): the loop deregisters its channels, puts them
 * back in blocking mode and gives the links what was read but not yet written, which they write
 * before anything else: the chunk already due as it is, the delayed ones through the links' chain
 * from their arrival times. Adding a toxic waits for that, so data sent after the control API
 * answered meets the toxic, as with Toxiproxy, which adds a new toxic to every open link before it
 * answers. A latency toxic added, changed or removed needs no hand-over: the loop compares the
 * proxy's chain with the one it last saw before every chunk, as a link's writer does.
 */
final class PassThroughLoop {

  /** A loopback TCP segment is up to 64 KB; one read takes one. */
  private static final int READ_BUFFER_SIZE = 64 * 1024;

  /** Bytes a direction may hold back before the loop stops reading its source, as a link does. */
  private static final int MAX_DELAYED_BYTES = 2 * 1024 * 1024;

  /** Below this a select's millisecond timeout is too coarse; the loop parks instead. */
  private static final long ONE_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private static final PassThroughLoop SHARED = new PassThroughLoop();

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);

  /** When each direction's first delayed chunk is due; stale entries are harmless. */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();

  /** One instance for every select, rather than a method reference allocated per call. */
  private final Consumer<SelectionKey> onReadyKey = this::onReady;

  private PassThroughLoop() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    Thread.ofPlatform().daemon().name("toxiproxy-pass-through").start(this::run);
  }

  static PassThroughLoop shared() {
    return SHARED;
  }

  /** Whether the loop can carry a connection of a proxy with these toxics: latency ones only. */
  static boolean carries(ToxicChain toxics) {
    return toxics.all().stream().allMatch(entry -> entry.toxic() instanceof LatencyToxic);
  }

  /**
   * Starts carrying {@code connection}'s bytes; its channels must be open and connected. Tasks run
   * in order, so a hand-over asked for right after is done after the registration.
   */
  Pipes register(
      Connection connection, SocketChannel client, SocketChannel upstream, ToxicChain toxics) {
    var pipes = new Pipes(connection, client, upstream, toxics);
    submit(
        () -> {
          try {
            client.configureBlocking(false);
            upstream.configureBlocking(false);
            pipes.clientKey = client.register(selector, SelectionKey.OP_READ, pipes);
            pipes.upstreamKey = upstream.register(selector, SelectionKey.OP_READ, pipes);
          } catch (IOException | RuntimeException e) {
            connection.close();
          }
        });
    return pipes;
  }

  /**
   * Takes {@code pipes} off the loop and gives its connection to threaded links; the future
   * completes once they run (or the connection turned out to be closed already).
   */
  CompletableFuture<Void> handOver(Pipes pipes) {
    var handedOver = new CompletableFuture<Void>();
    submit(
        () -> {
          try {
            pipes.handOver();
          } finally {
            handedOver.complete(null);
          }
        });
    return handedOver;
  }

  /** Lets the loop finish closing a channel closed from another thread. */
  void closed() {
    selector.wakeup();
  }

  private void submit(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private void run() {
    while (true) {
      try {
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        long wait = fireTimers(System.nanoTime());
        if (wait == Long.MAX_VALUE) {
          selector.select(onReadyKey);
        } else if (wait >= ONE_MILLI) {
          // Whole milliseconds, rounded down: the loop wakes early rather than late, then parks.
          selector.select(onReadyKey, TimeUnit.NANOSECONDS.toMillis(wait));
        } else if (selector.selectNow(onReadyKey) == 0) {
          LockSupport.parkNanos(wait);
        }
      } catch (IOException | RuntimeException e) {
        // One bad connection must not stop the loop for all others; it is closed by its pipes.
      }
    }
  }

  /** Writes every delayed chunk now due; returns the nanoseconds until the next, or MAX_VALUE. */
  private long fireTimers(long now) throws IOException {
    for (Timer timer; (timer = timers.peek()) != null; ) {
      long wait = timer.dueNanos - now;
      if (wait > 0) {
        return wait;
      }
      timers.poll();
      timer.flow.onTimer(now);
    }
    return Long.MAX_VALUE;
  }

  private void onReady(SelectionKey key) {
    var pipes = (Pipes) key.attachment();
    pipes.onReady(key);
  }

  /** A direction's first delayed chunk is due at {@code dueNanos}. */
  private record Timer(long dueNanos, Pipes.Flow flow) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      return Long.compare(dueNanos - other.dueNanos, 0);
    }
  }

  /** A chunk read but not yet due: its bytes, when it arrived, when it may be written. */
  private record Delayed(byte[] bytes, long arrivedNanos, long dueNanos) {}

  /**
   * Both directions of one connection while the loop carries it. Touched only by the loop's thread.
   */
  final class Pipes {
    private final Connection connection;
    private final SocketChannel client;
    private final SocketChannel upstream;
    private final ToxicChain toxics;
    private final Flow toUpstream;
    private final Flow toDownstream;
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;

    private Pipes(
        Connection connection, SocketChannel client, SocketChannel upstream, ToxicChain toxics) {
      this.connection = connection;
      this.client = client;
      this.upstream = upstream;
      this.toxics = toxics;
      this.toUpstream = new Flow(Direction.UPSTREAM, client, upstream);
      this.toDownstream = new Flow(Direction.DOWNSTREAM, upstream, client);
    }

    private void onReady(SelectionKey key) {
      if (!key.isValid()) {
        return;
      }
      boolean isClient = key == clientKey;
      try {
        if (key.isWritable()) {
          (isClient ? toDownstream : toUpstream).drain(System.nanoTime());
        }
        if (key.isValid() && key.isReadable()) {
          (isClient ? toUpstream : toDownstream).carry();
        }
      } catch (IOException e) {
        connection.close(); // a failed write: the destination is gone, so is the connection
        selector.wakeup();
      }
    }

    private SelectionKey keyOf(SocketChannel channel) {
      return channel == client ? clientKey : upstreamKey;
    }

    private static void watch(SelectionKey key, int operation, boolean on) {
      if (key.isValid()) {
        key.interestOps(on ? key.interestOps() | operation : key.interestOps() & ~operation);
      }
    }

    /** Deregisters both channels, makes them blocking again and starts the threaded links. */
    private void handOver() {
      if (clientKey == null || upstreamKey == null) {
        return; // the registration failed and closed the connection
      }
      clientKey.cancel();
      upstreamKey.cancel();
      try {
        selector.selectNow(onReadyKey); // completes the deregistration
        client.configureBlocking(true);
        upstream.configureBlocking(true);
      } catch (IOException | RuntimeException e) {
        connection.close();
        return;
      }
      List<Direction> running = new ArrayList<>(2);
      if (!toUpstream.ended) {
        running.add(Direction.UPSTREAM);
      }
      if (!toDownstream.ended) {
        running.add(Direction.DOWNSTREAM);
      }
      connection.startLinks(
          running,
          toUpstream.unwrittenBytes(),
          toDownstream.unwrittenBytes(),
          toUpstream.delayedSegments(),
          toDownstream.delayedSegments());
    }

    /**
     * One direction: the chunk due but not wholly written, the chunks not yet due, the latency
     * stages running for this direction, and whether its source ended.
     */
    final class Flow {
      private final Direction direction;
      private final SocketChannel source;
      private final SocketChannel destination;
      private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();
      private ByteBuffer unwritten;
      private int delayedBytes;
      private boolean sourceEnded;
      private boolean ended;
      private List<ToxicEntry> chainSeen = List.of();
      private List<Stage> stages = List.of();

      /** Where a chunk leaves the chain; the loop's stages hand on exactly one segment each. */
      private Segment chainOutput;

      private final Consumer<Segment> collect = segment -> chainOutput = segment;

      Flow(Direction direction, SocketChannel source, SocketChannel destination) {
        this.direction = direction;
        this.source = source;
        this.destination = destination;
      }

      /** Reads one chunk from the source: written at once when nothing delays it, else queued. */
      void carry() throws IOException {
        readBuffer.clear();
        int read;
        try {
          read = source.read(readBuffer);
        } catch (IOException e) {
          read = -1; // reset by the peer: like Toxiproxy, treat it as the end of the stream
        }
        if (read < 0) {
          sourceEnded = true;
          watch(keyOf(source), SelectionKey.OP_READ, false);
          if (unwritten == null && delayed.isEmpty()) {
            end();
          }
          return;
        }
        long now = System.nanoTime();
        refreshStages(now);
        readBuffer.flip();
        if (stages.isEmpty() && unwritten == null && delayed.isEmpty()) {
          destination.write(readBuffer);
          if (readBuffer.hasRemaining()) {
            unwritten = ByteBuffer.allocate(readBuffer.remaining()).put(readBuffer).flip();
            holdBack();
          }
          return;
        }
        byte[] bytes = new byte[read];
        readBuffer.get(bytes);
        Segment out = new Segment.Data(bytes, now);
        for (Stage stage : stages) {
          stage.accept(out, collect);
          out = chainOutput;
        }
        delayed.addLast(new Delayed(bytes, now, out.dueNanos()));
        delayedBytes += read;
        if (delayedBytes >= MAX_DELAYED_BYTES) {
          watch(keyOf(source), SelectionKey.OP_READ, false);
        }
        if (delayed.size() == 1 && unwritten == null) {
          drain(now);
        }
      }

      /** Writes what is due, in order; then waits for room, for the next due time, or for data. */
      void drain(long now) throws IOException {
        if (unwritten != null) {
          destination.write(unwritten);
          if (unwritten.hasRemaining()) {
            return; // still no room: OP_WRITE stays on
          }
          unwritten = null;
        }
        for (Delayed head; (head = delayed.peekFirst()) != null; ) {
          if (head.dueNanos - now > 0) {
            timers.add(new Timer(head.dueNanos, this));
            break;
          }
          delayed.pollFirst();
          delayedBytes -= head.bytes.length;
          ByteBuffer chunk = ByteBuffer.wrap(head.bytes);
          destination.write(chunk);
          if (chunk.hasRemaining()) {
            unwritten = chunk;
            holdBack();
            return;
          }
        }
        watch(keyOf(destination), SelectionKey.OP_WRITE, false);
        if (sourceEnded) {
          if (delayed.isEmpty()) {
            end();
          }
        } else if (delayedBytes < MAX_DELAYED_BYTES) {
          watch(keyOf(source), SelectionKey.OP_READ, true);
        }
      }

      /**
       * The head chunk's due time may have come; stale timers of a closed connection do nothing.
       */
      void onTimer(long now) throws IOException {
        SelectionKey key = keyOf(destination);
        if (key == null || !key.isValid() || unwritten != null) {
          return;
        }
        Delayed head = delayed.peekFirst();
        if (head != null && head.dueNanos - now <= 0) {
          try {
            drain(now);
          } catch (IOException e) {
            connection.close();
          }
        }
      }

      /** The destination is full: stop reading the source until it has taken what waits. */
      private void holdBack() {
        watch(keyOf(source), SelectionKey.OP_READ, false);
        watch(keyOf(destination), SelectionKey.OP_WRITE, true);
      }

      private void end() {
        if (!ended) {
          ended = true;
          connection.endOfStream(destination.socket());
        }
      }

      /**
       * Brings the running stages in line with the proxy's chain, as a link's writer does: keeps
       * the stage of every toxic still there, starts new or updated ones.
       */
      private void refreshStages(long now) {
        List<ToxicEntry> current = toxics.chain(direction);
        if (current == chainSeen) {
          return;
        }
        // A latency stage ends nothing when removed, so the removed ones are simply dropped.
        stages = Link.restage(chainSeen, stages, current, now, new IdentityHashMap<>());
        chainSeen = current;
      }

      private byte[] unwrittenBytes() {
        if (unwritten == null) {
          return new byte[0];
        }
        byte[] bytes = new byte[unwritten.remaining()];
        unwritten.get(bytes);
        return bytes;
      }

      /** The chunks not yet due, as arrived: the links' chain delays them again from then. */
      private List<Segment.Data> delayedSegments() {
        List<Segment.Data> segments = new ArrayList<>(delayed.size());
        for (Delayed chunk : delayed) {
          segments.add(new Segment.Data(chunk.bytes, chunk.arrivedNanos));
        }
        return segments;
      }
    }
  }
}
