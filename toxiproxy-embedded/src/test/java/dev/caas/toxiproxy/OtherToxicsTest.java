package dev.caas.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The observable behaviour of every toxic but latency, through a real echo server. */
class OtherToxicsTest extends ToxiproxyTestBase {

  @Test
  void bandwidth_limits_the_transfer_rate() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().bandwidth("bw", DOWNSTREAM, 100); // 100 KB/s
    Socket socket = connect(proxy);
    byte[] payload = randomBytes(30_000); // 300 ms at 100 KB/s

    long start = System.nanoTime();
    socket.getOutputStream().write(payload);
    byte[] echoed = readExactly(socket, payload.length);

    assertThat(echoed).isEqualTo(payload);
    assertThat(millisSince(start)).isBetween(250L, 2_000L);
  }

  @Test
  void bandwidth_in_the_other_direction_does_not_slow_this_one() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().bandwidth("bw", DOWNSTREAM, 1_000_000);
    Socket socket = connect(proxy);
    byte[] payload = randomBytes(30_000);

    long start = System.nanoTime();
    socket.getOutputStream().write(payload);
    assertThat(readExactly(socket, payload.length)).isEqualTo(payload);

    assertThat(millisSince(start)).isLessThan(250);
  }

  @Test
  void timeout_drops_data_and_closes_the_connection_after_the_timeout() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().timeout("timeout", DOWNSTREAM, 200);
    Socket socket = connect(proxy);

    long start = System.nanoTime();
    socket.getOutputStream().write("ping".getBytes());

    assertThat(socket.getInputStream().read()).isEqualTo(-1);
    assertThat(millisSince(start)).isBetween(150L, 3_000L);
  }

  @Test
  void timeout_zero_drops_data_and_keeps_the_connection_open() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Timeout timeout = proxy.toxics().timeout("timeout", UPSTREAM, 0);
    Socket socket = connect(proxy);
    socket.setSoTimeout(400);

    socket.getOutputStream().write("ping".getBytes());

    assertThatThrownBy(() -> socket.getInputStream().read())
        .isInstanceOf(SocketTimeoutException.class);

    // Like Toxiproxy, taking the toxic away ends the connections it silenced.
    timeout.remove();
    socket.setSoTimeout(3_000);
    assertThat(socket.getInputStream().read()).isEqualTo(-1);
  }

  @Test
  void reset_peer_resets_the_connection() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().resetPeer("reset", DOWNSTREAM, 0);
    Socket socket = connect(proxy);

    socket.getOutputStream().write("ping".getBytes());

    assertThatThrownBy(() -> socket.getInputStream().read())
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
  }

  @Test
  void reset_peer_waits_for_its_timeout() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().resetPeer("reset", UPSTREAM, 200);
    Socket socket = connect(proxy);

    long start = System.nanoTime();
    socket.getOutputStream().write("ping".getBytes());

    assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(150);
  }

  @Test
  void slicer_delivers_every_byte_intact_and_in_order() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().slicer("slicer", DOWNSTREAM, 10, 50).setSizeVariation(5);
    Socket socket = connect(proxy);
    byte[] payload = randomBytes(10_000);

    socket.getOutputStream().write(payload);

    assertThat(readExactly(socket, payload.length)).isEqualTo(payload);
  }

  @Test
  void limit_data_closes_the_connection_after_that_many_bytes() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().limitData("limit", DOWNSTREAM, 100);
    Socket socket = connect(proxy);
    byte[] payload = randomBytes(1_000);

    socket.getOutputStream().write(payload);
    byte[] received = readToEnd(socket);

    assertThat(received).isEqualTo(Arrays.copyOf(payload, 100));
  }

  @Test
  void slow_close_delays_the_close_but_not_the_data() throws IOException {
    TcpTestServer server = afterTest(TcpTestServer.sendThenClose("bye"));
    Proxy proxy = proxyTo(server.address());
    proxy.toxics().slowClose("slow", DOWNSTREAM, 300);

    long start = System.nanoTime();
    Socket socket = connect(proxy);
    assertThat(new String(readExactly(socket, 3))).isEqualTo("bye");
    long data = millisSince(start);
    assertThat(socket.getInputStream().read()).isEqualTo(-1);
    long closed = millisSince(start);

    assertThat(data).isLessThan(300);
    assertThat(closed).isBetween(300L, 3_000L);
  }

  @Test
  void without_toxics_a_server_close_reaches_the_client_promptly() throws IOException {
    TcpTestServer server = afterTest(TcpTestServer.sendThenClose("bye"));
    Proxy proxy = proxyTo(server.address());

    long start = System.nanoTime();
    Socket socket = connect(proxy);
    assertThat(readToEnd(socket)).isEqualTo("bye".getBytes());

    assertThat(millisSince(start)).isLessThan(300);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
