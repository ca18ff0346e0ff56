package dev.caas.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Proxies going down and up, being reset and deleted, with connections open. */
class ProxyLifecycleTest extends ToxiproxyTestBase {

  @Test
  void a_disabled_proxy_is_down_and_comes_back_on_the_same_port() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Socket open = connect(proxy);
    roundTripMillis(open);
    int port = portOf(proxy);

    proxy.disable();

    assertThat(proxy.isEnabled()).isFalse();
    assertThat(endOfConnection(open)).isTrue();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);

    proxy.enable();

    assertThat(proxy.isEnabled()).isTrue();
    assertThat(portOf(proxy)).isEqualTo(port);
    assertThat(roundTripMillis(connect(proxy))).isLessThan(1_000);
  }

  @Test
  void reset_enables_every_proxy_and_removes_every_toxic() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, 500);
    proxy.disable();

    client.reset();

    Proxy after = client.getProxy(proxy.getName());
    assertThat(after.isEnabled()).isTrue();
    assertThat(after.toxics().getAll()).isEmpty();
    assertThat(roundTripMillis(connect(after))).isLessThan(250);
  }

  @Test
  void deleting_a_proxy_closes_its_listener_and_connections() throws IOException {
    Proxy proxy = client.createProxy(uniqueName(), "127.0.0.1:0", echoServer().address());
    Socket open = connect(proxy);
    roundTripMillis(open);

    proxy.delete();

    assertThat(endOfConnection(open)).isTrue();
    assertThatThrownBy(() -> new Socket("127.0.0.1", portOf(proxy)).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void a_proxy_whose_upstream_is_down_closes_its_clients() throws IOException {
    TcpTestServer upstream = TcpTestServer.echo();
    String address = upstream.address();
    upstream.close();
    Proxy proxy = proxyTo(address);

    assertThat(endOfConnection(connect(proxy))).isTrue();
  }

  @Test
  void many_connections_are_served_at_once() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, 100);
    Socket[] sockets = new Socket[100];
    for (int i = 0; i < sockets.length; i++) {
      sockets[i] = connect(proxy);
    }

    long start = System.nanoTime();
    for (Socket socket : sockets) {
      socket.getOutputStream().write('x');
    }
    for (Socket socket : sockets) {
      assertThat(socket.getInputStream().read()).isEqualTo('x');
    }

    // Concurrent connections each pay the latency once, in parallel, not one after another.
    assertThat(millisSince(start)).isBetween(100L, 1_000L);
  }

  /** True when the peer closed or reset the connection (rather than leaving it open). */
  private static boolean endOfConnection(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }
}
