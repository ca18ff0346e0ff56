package dev.caas.upstream;

import dev.caas.contract.DogPaths;
import dev.caas.upstream.http.Answer;
import dev.caas.upstream.http.KeepAliveServer;
import dev.caas.upstream.http.RequestHead;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canine upstream: a {@link KeepAliveServer}, one virtual thread per connection, serving {@link
 * DogPhotos}. Start it with {@link #start}; {@link #close} stops it and abandons answers still
 * being sent.
 */
public final class DogUpstream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DogUpstream.class);

  /** Connections the kernel queues before they are accepted: load tests open thousands at once. */
  private static final int ACCEPT_BACKLOG = 4096;

  private final KeepAliveServer server;

  /** Kept from the bind, so {@link #url()} still answers after the server stopped. */
  private final InetSocketAddress address;

  private final DogPhotos photos;
  private final PhotoHandler photoHandler;
  private final FaultAdminHandler faultAdminHandler;
  private final AtomicReference<UpstreamFault> fault = new AtomicReference<>(UpstreamFault.NONE);
  private final AtomicBoolean closed = new AtomicBoolean();

  private DogUpstream(InetSocketAddress bindTo, DogPhotos photos, long seed) throws IOException {
    this.photos = photos;
    this.photoHandler =
        new PhotoHandler(photos, new PhotoSequence(seed, photos.filenames()), fault::get);
    this.faultAdminHandler = new FaultAdminHandler(fault::get, this::setFault);
    this.server = KeepAliveServer.start(bindTo, ACCEPT_BACKLOG, this::route, "dog-upstream");
    this.address = server.address();
  }

  /**
   * Draws the photos (once per JVM), binds and starts serving.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   * @param seed decides the order of photos on {@code GET /dog}
   */
  public static DogUpstream start(String host, int port, long seed) throws IOException {
    DogPhotos photos = DogPhotos.ofSeedDogs(); // before binding, so a failure leaves no port taken
    var upstream = new DogUpstream(new InetSocketAddress(host, port), photos, seed);
    log.info(
        "dog upstream serving {} photos at {} (seed {})",
        upstream.filenames().size(),
        upstream.url(),
        seed);
    return upstream;
  }

  /** {@code /dog…} to the photos, {@code /admin/fault…} to the fault switch, the rest 404. */
  private void route(RequestHead request, Answer answer) throws IOException {
    String path = request.path();
    if (path.startsWith(DogPaths.DOG)) {
      photoHandler.handle(request, answer);
    } else if (path.startsWith(FaultAdminHandler.PATH)) {
      faultAdminHandler.handle(request, answer);
    } else {
      PlainText.send(answer, 404, "not found");
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
    server.close(); // closes every connection and wakes handlers pausing in a slow drip
    log.info("dog upstream at port {} stopped after {} photo requests", port(), requestsServed());
  }
}
