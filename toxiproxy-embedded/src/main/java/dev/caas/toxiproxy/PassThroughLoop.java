package dev.caas.toxiproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Carries the bytes of every connection whose proxy has no toxic, for all proxies of the JVM, on
 * one platform thread around one {@link Selector} (epoll on Linux).
 *
 * <p>Why: a link's virtual thread parks each time its read has to wait and is unparked when data
 * arrives; a database round trip costs two such hand-offs, and a request makes several round trips.
 * A selector loop instead learns of every ready socket from one system call and reads and writes it
 * in place: no thread is woken per chunk, which is the cheapest a proxy with nothing to inject can
 * be.
 *
 * <p>The loop reads each ready source into one shared buffer and writes it to the destination at
 * once. When the destination cannot take it all, the rest waits in the direction's own buffer, the
 * loop stops reading that source and watches the destination for room instead, so a slow receiver
 * pushes back on the sender through TCP flow control, as the threaded links do.
 *
 * <p>A connection leaves the loop for its threaded {@link Link}s the moment a toxic is added to its
 * proxy ({@link #handOver}): the loop deregisters its channels, puts them back in blocking mode and
 * gives the links whatever was read but not yet written, which they write before anything else.
 * Adding a toxic waits for that, so data sent after the control API answered meets the toxic, as
 * with Toxiproxy, which adds a new toxic to every open link before it answers.
 */
final class PassThroughLoop {

  /** A loopback TCP segment is up to 64 KB; one read takes one. */
  private static final int READ_BUFFER_SIZE = 64 * 1024;

  private static final PassThroughLoop SHARED = new PassThroughLoop();

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);

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

  /**
   * Starts carrying {@code connection}'s bytes; its channels must be open and connected. Tasks run
   * in order, so a hand-over asked for right after is done after the registration.
   */
  Pipes register(Connection connection, SocketChannel client, SocketChannel upstream) {
    var pipes = new Pipes(connection, client, upstream);
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
        selector.select(onReadyKey);
      } catch (IOException | RuntimeException e) {
        // One bad connection must not stop the loop for all others; it is closed by its pipes.
      }
    }
  }

  private void onReady(SelectionKey key) {
    var pipes = (Pipes) key.attachment();
    pipes.onReady(key);
  }

  /**
   * Both directions of one connection while the loop carries it: for each, what was read but not
   * yet written, and whether its source ended. Touched only by the loop's thread.
   */
  final class Pipes {
    private final Connection connection;
    private final SocketChannel client;
    private final SocketChannel upstream;
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;
    private ByteBuffer unwrittenToUpstream;
    private ByteBuffer unwrittenToDownstream;
    private boolean upstreamEnded;
    private boolean downstreamEnded;

    private Pipes(Connection connection, SocketChannel client, SocketChannel upstream) {
      this.connection = connection;
      this.client = client;
      this.upstream = upstream;
    }

    private void onReady(SelectionKey key) {
      if (!key.isValid()) {
        return;
      }
      boolean isClient = key == clientKey;
      try {
        if (key.isWritable()) {
          flush(isClient ? Direction.DOWNSTREAM : Direction.UPSTREAM);
        }
        if (key.isValid() && key.isReadable()) {
          carry(isClient ? Direction.UPSTREAM : Direction.DOWNSTREAM);
        }
      } catch (IOException e) {
        connection.close(); // a failed write: the destination is gone, so is the connection
        selector.wakeup();
      }
    }

    /** Reads one chunk from the direction's source and writes as much of it as goes. */
    private void carry(Direction direction) throws IOException {
      SocketChannel source = direction == Direction.UPSTREAM ? client : upstream;
      SocketChannel destination = direction == Direction.UPSTREAM ? upstream : client;
      readBuffer.clear();
      int read;
      try {
        read = source.read(readBuffer);
      } catch (IOException e) {
        read = -1; // reset by the peer: like Toxiproxy, treat it as the end of the stream
      }
      if (read < 0) {
        end(direction, destination);
        return;
      }
      readBuffer.flip();
      destination.write(readBuffer);
      if (readBuffer.hasRemaining()) {
        ByteBuffer unwritten = ByteBuffer.allocate(readBuffer.remaining()).put(readBuffer).flip();
        if (direction == Direction.UPSTREAM) {
          unwrittenToUpstream = unwritten;
        } else {
          unwrittenToDownstream = unwritten;
        }
        watch(keyOf(source), SelectionKey.OP_READ, false);
        watch(keyOf(destination), SelectionKey.OP_WRITE, true);
      }
    }

    /** The destination has room again: write what waited, then read the source again. */
    private void flush(Direction direction) throws IOException {
      ByteBuffer unwritten =
          direction == Direction.UPSTREAM ? unwrittenToUpstream : unwrittenToDownstream;
      SocketChannel source = direction == Direction.UPSTREAM ? client : upstream;
      SocketChannel destination = direction == Direction.UPSTREAM ? upstream : client;
      if (unwritten == null) {
        watch(keyOf(destination), SelectionKey.OP_WRITE, false);
        return;
      }
      destination.write(unwritten);
      if (!unwritten.hasRemaining()) {
        if (direction == Direction.UPSTREAM) {
          unwrittenToUpstream = null;
        } else {
          unwrittenToDownstream = null;
        }
        watch(keyOf(destination), SelectionKey.OP_WRITE, false);
        watch(keyOf(source), SelectionKey.OP_READ, true);
      }
    }

    private void end(Direction direction, SocketChannel destination) {
      SocketChannel source = direction == Direction.UPSTREAM ? client : upstream;
      watch(keyOf(source), SelectionKey.OP_READ, false);
      if (direction == Direction.UPSTREAM) {
        upstreamEnded = true;
      } else {
        downstreamEnded = true;
      }
      connection.endOfStream(destination.socket());
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
      if (!upstreamEnded) {
        running.add(Direction.UPSTREAM);
      }
      if (!downstreamEnded) {
        running.add(Direction.DOWNSTREAM);
      }
      connection.startLinks(running, bytesOf(unwrittenToUpstream), bytesOf(unwrittenToDownstream));
    }

    private static byte[] bytesOf(ByteBuffer unwritten) {
      if (unwritten == null) {
        return new byte[0];
      }
      byte[] bytes = new byte[unwritten.remaining()];
      unwritten.get(bytes);
      return bytes;
    }
  }
}
