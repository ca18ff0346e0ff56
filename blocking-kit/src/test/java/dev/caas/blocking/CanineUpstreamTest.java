package dev.caas.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.caas.contract.Deadline;
import dev.caas.contract.DogHeaders;
import dev.caas.contract.DogPaths;
import dev.caas.contract.DogPhoto;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream client over real HTTP on loopback, against a small photo server of the test's own:
 * what the client keeps once a photo has been handed over.
 */
class CanineUpstreamTest {
  private static final int PHOTO_BYTES = 55_000;

  private HttpServer photos;
  private CanineUpstream upstream;

  @BeforeEach
  void startPhotoServer() throws IOException {
    photos = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    photos.createContext(
        DogPaths.DOG,
        exchange -> {
          byte[] jpeg = jpegShaped(PHOTO_BYTES);
          exchange.getResponseHeaders().set("Content-Type", DogHeaders.IMAGE_JPEG);
          exchange.getResponseHeaders().set(DogHeaders.X_FILENAME, "husky-01.jpg");
          exchange.sendResponseHeaders(200, jpeg.length);
          exchange.getResponseBody().write(jpeg);
          exchange.close();
        });
    photos.start();
    var url = URI.create("http://127.0.0.1:" + photos.getAddress().getPort());
    upstream = new CanineUpstream(url, Duration.ofSeconds(5));
  }

  @AfterEach
  void stopPhotoServer() {
    photos.stop(0);
  }

  @Test
  void a_pooled_connection_does_not_keep_the_photo_it_carried() throws InterruptedException {
    DogPhoto photo = upstream.fetch(Deadline.after(Duration.ofSeconds(10)));
    assertEquals(PHOTO_BYTES, photo.jpeg().length);
    var carried = new WeakReference<>(photo.jpeg());
    photo = null;

    // The client and its pooled, kept-alive connection are still alive (the field holds them);
    // only the photo may go. java.net.http keeps the exchange that opened the connection
    // reachable from it, so a body held by that exchange would survive every collection.
    for (int i = 0; i < 10 && !carried.refersTo(null); i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertTrue(carried.refersTo(null), "the photo is still reachable after it was handed over");
    // and the connection is still usable: the pool kept it
    assertEquals(PHOTO_BYTES, upstream.fetch(Deadline.after(Duration.ofSeconds(10))).jpeg().length);
  }

  private static byte[] jpegShaped(int size) {
    byte[] jpeg = new byte[size];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    jpeg[size - 2] = (byte) 0xFF;
    jpeg[size - 1] = (byte) 0xD9;
    return jpeg;
  }
}
