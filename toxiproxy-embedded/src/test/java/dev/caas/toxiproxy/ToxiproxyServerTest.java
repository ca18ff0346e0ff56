package dev.caas.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded server's own API: starting, addressing, closing, and the command line. */
@Timeout(30)
class ToxiproxyServerTest {

  @Test
  void starts_on_an_ephemeral_port_and_reports_its_url() throws IOException {
    try (ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0)) {
      assertThat(server.port()).isPositive();
      assertThat(server.apiUrl()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(new ToxiproxyClient("127.0.0.1", server.port()).version())
          .contains(ControlApi.TOXIPROXY_VERSION);
    }
  }

  @Test
  void close_stops_the_api_the_proxies_and_their_connections() throws IOException {
    try (TcpTestServer upstream = TcpTestServer.echo()) {
      ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0);
      Proxy proxy =
          new ToxiproxyClient("127.0.0.1", server.port())
              .createProxy("closing", "127.0.0.1:0", upstream.address());
      int proxyPort =
          Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
      Socket open = new Socket("127.0.0.1", proxyPort);
      open.setSoTimeout(5_000);
      open.getOutputStream().write('x');
      assertThat(open.getInputStream().read()).isEqualTo('x');

      server.close();

      assertThat(open.getInputStream().read()).isEqualTo(-1);
      assertThatThrownBy(() -> new Socket("127.0.0.1", proxyPort).close())
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close())
          .isInstanceOf(ConnectException.class);
      open.close();
    }
  }

  @Test
  void proxies_dial_their_upstream_from_the_given_addresses_in_turn() throws IOException {
    List<InetAddress> sources =
        List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
    try (TcpTestServer upstream = TcpTestServer.tellingPeerAddress();
        ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0, sources)) {
      Proxy proxy =
          new ToxiproxyClient("127.0.0.1", server.port())
              .createProxy("sources", "127.0.0.1:0", upstream.address());
      int proxyPort =
          Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));

      List<String> seenByUpstream = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
          socket.setSoTimeout(5_000);
          seenByUpstream.add(
              new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
      }

      assertThat(seenByUpstream)
          .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3");
    }
  }

  @Test
  void main_prints_usage_for_help() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      ToxiproxyMain.main(new String[] {"--help"});
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString()).contains("--host").contains("--port").contains("--dial-from");
  }
}
