package dev.caas.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection opened while its proxy has no toxic but latency is carried by the pass-through loop;
 * adding any other toxic hands it to the threaded links. These tests hold the switch to Toxiproxy's
 * promise that toxics reach open connections, and to a proxy's first duty: every byte arrives,
 * once, in order.
 */
class PassThroughSwitchTest extends ToxiproxyTestBase {

  private static final int LATENCY = 100;
  private static final int STREAM_SIZE = 8 * 1024 * 1024;

  @Test
  void a_connection_open_before_an_upstream_latency_gets_it_and_loses_it_on_removal()
      throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Socket socket = connect(proxy);
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);

    Latency latency = proxy.toxics().latency("lat", UPSTREAM, LATENCY);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(LATENCY);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(LATENCY);

    latency.remove();
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);
  }

  @Test
  void a_toxic_in_one_direction_reaches_both_directions_added_later() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Socket socket = connect(proxy);
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);

    proxy.toxics().latency("down", DOWNSTREAM, LATENCY);
    proxy.toxics().latency("up", UPSTREAM, LATENCY);

    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(2 * LATENCY);
  }

  @Test
  void connections_opened_after_the_toxics_are_removed_flow_without_latency() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Latency latency = proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    assertThat(roundTripMillis(connect(proxy))).isGreaterThanOrEqualTo(LATENCY);

    latency.remove();
    Socket socket = connect(proxy);

    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);
    assertThat(roundTripMillis(socket)).isLessThan(LATENCY);
  }

  @Test
  void a_stream_in_flight_when_a_toxic_is_added_arrives_complete_and_in_order() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());

    // mid-stream: bytes sit in the loop's buffers
    echoAddingMidStream(proxy, () -> proxy.toxics().latency("lat", DOWNSTREAM, 5));
  }

  @Test
  @Timeout(30) // a chunk lost in the hand-over would leave the read waiting forever
  void a_latency_stream_handed_over_mid_flight_to_a_bandwidth_toxic_arrives_complete_and_in_order()
      throws Exception {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, 20); // the loop holds chunks back

    // Not latency: the connection leaves the loop with the chunks it was still holding back.
    echoAddingMidStream(proxy, () -> proxy.toxics().bandwidth("bw", DOWNSTREAM, 1_000_000));
  }

  @Test
  void a_latency_changed_on_an_open_connection_applies_to_what_is_sent_after() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Latency latency = proxy.toxics().latency("lat", DOWNSTREAM, LATENCY);
    Socket socket = connect(proxy);
    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(LATENCY);

    latency.setLatency(3 * LATENCY);

    assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(3 * LATENCY);
  }

  @Test
  void many_connections_on_the_loop_each_get_their_own_answers() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sockets.add(connect(proxy));
    }
    for (int i = 0; i < sockets.size(); i++) {
      sockets.get(i).getOutputStream().write(("message " + i + "\n").getBytes());
    }

    for (int i = 0; i < sockets.size(); i++) {
      String expected = "message " + i + "\n";
      assertThat(new String(readExactly(sockets.get(i), expected.length()))).isEqualTo(expected);
    }
  }

  /** A toxic the test adds mid-stream through the official client. */
  private interface ToxicAdding {
    void add() throws IOException;
  }

  /**
   * Streams {@link #STREAM_SIZE} bytes through an echo, adds a toxic once an eighth is back, and
   * checks that every byte came back, once, in order.
   */
  private void echoAddingMidStream(Proxy proxy, ToxicAdding toxic) throws Exception {
    Socket socket = connect(proxy);
    byte[] sent = pattern(STREAM_SIZE);
    CompletableFuture<Void> sending = sendInBackground(socket, sent);

    InputStream in = socket.getInputStream();
    byte[] received = new byte[STREAM_SIZE];
    int total = in.readNBytes(received, 0, STREAM_SIZE / 8);
    toxic.add();
    total += in.readNBytes(received, total, STREAM_SIZE - total);
    sending.get(30, TimeUnit.SECONDS);

    assertThat(total).isEqualTo(STREAM_SIZE);
    assertThat(received).isEqualTo(sent);
  }

  private static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + (i >>> 16)); // not periodic within a buffer's length
    }
    return bytes;
  }

  private static CompletableFuture<Void> sendInBackground(Socket socket, byte[] bytes) {
    var done = new CompletableFuture<Void>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                OutputStream out = socket.getOutputStream();
                for (int offset = 0; offset < bytes.length; offset += 16 * 1024) {
                  out.write(bytes, offset, Math.min(16 * 1024, bytes.length - offset));
                }
                done.complete(null);
              } catch (IOException e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }
}
