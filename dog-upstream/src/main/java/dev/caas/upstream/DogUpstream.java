package dev.caas.upstream;

import com.sun.net.httpserver.HttpServer;
import dev.caas.contract.DogPaths;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canine upstream: the JDK's HTTP server, one virtual thread per request, serving {@link
 * DogPhotos}. Start it with {@link #start}; {@link #close} stops it and abandons answers still
 * being sent.
 */
public final class DogUpstream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DogUpstream.class);

  /** Connections the kernel queues before they are accepted: load tests open thousands at once. */
  private static final int ACCEPT_BACKLOG = 4096;

  private final HttpServer server;

  /** Kept from the bind: the server forgets its address once stopped. */
  private final InetSocketAddress address;

  private final ExecutorService requestThreads;
  private final DogPhotos photos;
  private final PhotoHandler photoHandler;
  private final AtomicReference<UpstreamFault> fault = new AtomicReference<>(UpstreamFault.NONE);
  private final AtomicBoolean closed = new AtomicBoolean();

  private DogUpstream(HttpServer server, DogPhotos photos, long seed) {
    this.server = server;
    this.address = server.getAddress();
    this.photos = photos;
    this.requestThreads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dog-upstream-", 0).factory());
    this.photoHandler =
        new PhotoHandler(photos, new PhotoSequence(seed, photos.filenames()), fault::get);
    server.createContext(DogPaths.DOG, photoHandler);
    server.createContext(FaultAdminHandler.PATH, new FaultAdminHandler(fault::get, this::setFault));
    server.setExecutor(requestThreads);
  }

  /**
   * Draws the photos (once per JVM), binds and starts serving.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   * @param seed decides the order of photos on {@code GET /dog}
   */
  public static DogUpstream start(String host, int port, long seed) throws IOException {
    tuneJdkHttpServer();
    DogPhotos photos = DogPhotos.ofSeedDogs(); // before binding, so a failure leaves no port taken
    var upstream =
        new DogUpstream(
            HttpServer.create(new InetSocketAddress(host, port), ACCEPT_BACKLOG), photos, seed);
    upstream.server.start();
    log.info(
        "dog upstream serving {} photos at {} (seed {})",
        upstream.filenames().size(),
        upstream.url(),
        seed);
    return upstream;
  }

  /**
   * The JDK server reads these once, when its first instance is created, and only from system
   * properties; values set on the command line win.
   */
  private static void tuneJdkHttpServer() {
    // Headers and body go out in separate writes; with Nagle's algorithm on, a kept-alive client's
    // delayed
    // ACK would hold the body back for up to 40 ms, a latency that belongs to no one under test.
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    // By default the server closes any connection beyond 200 idle ones right after answering, so
    // thousands
    // of kept-alive clients would keep reconnecting (and race their reuse of the closed
    // connections).
    setIfAbsent("sun.net.httpserver.maxIdleConnections", "100000");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * {@code http://HOST:PORT}, without a trailing slash; a wildcard bind is reached over loopback.
   */
  public URI url() {
    InetAddress ip = address.getAddress();
    String host = ip.isAnyLocalAddress() ? "127.0.0.1" : ip.getHostAddress();
    if (ip instanceof Inet6Address && !ip.isAnyLocalAddress()) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  public int port() {
    return address.getPort();
  }

  /**
   * A copy of the exact bytes served for {@code filename}.
   *
   * @throws IllegalArgumentException if the upstream has no such photo
   */
  public byte[] photo(String filename) {
    if (!photos.contains(filename)) {
      throw new IllegalArgumentException(
          "no photo named '" + filename + "'; the upstream has " + filenames());
    }
    return photos.jpeg(filename).clone();
  }

  /** The photos' filenames, in the order of {@code SeedDogs.ALL}. */
  public List<String> filenames() {
    return photos.filenames();
  }

  /**
   * Takes effect from the next {@code GET /dog}; answers already under way finish as they began.
   */
  public void setFault(UpstreamFault newFault) {
    UpstreamFault previous = fault.getAndSet(newFault);
    if (previous != newFault) {
      log.info("dog upstream fault: {} -> {}", previous, newFault);
    }
  }

  public UpstreamFault fault() {
    return fault.get();
  }

  /**
   * Requests for {@code /dog} and {@code /dog/{filename}} so far, including faulty and unfinished
   * answers.
   */
  public long requestsServed() {
    return photoHandler.requestsServed();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0); // closes every connection, so handlers blocked writing fail at once
    requestThreads.shutdownNow(); // wakes handlers pausing in a slow drip
    try {
      if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("dog upstream closed with requests still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("dog upstream at port {} stopped after {} photo requests", port(), requestsServed());
  }
}
