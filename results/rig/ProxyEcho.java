import dev.caas.toxiproxy.ToxiproxyServer;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.*;
import java.net.*;
import java.util.Arrays;

/**
 * The embedded proxy alone: a blocking-socket client sends 100 bytes, a blocking server answers SIZE bytes,
 * through a 100 ms downstream latency toxic, one client. Usage: java -cp HARNESS_ALL_JAR ProxyEcho.java N SIZE
 */
public class ProxyEcho {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]), size = Integer.parseInt(a[1]);
    var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(() -> {
      try { while (true) { Socket s = server.accept(); s.setTcpNoDelay(true);
        Thread.ofPlatform().daemon().start(() -> { try { var in = s.getInputStream(); var out = s.getOutputStream(); byte[] req = new byte[100], resp = new byte[size];
          while (true) { in.readNBytes(req, 0, 100); out.write(resp); out.flush(); } } catch (IOException e) {} }); } } catch (IOException e) {} });
    try (var tp = ToxiproxyServer.start("127.0.0.1", 0)) {
      var api = new ToxiproxyClient("127.0.0.1", tp.port());
      var proxy = api.createProxy("e", "127.0.0.1:0", "127.0.0.1:" + server.getLocalPort());
      String[] hp = proxy.getListen().split(":");
      try (Socket c = new Socket(hp[0], Integer.parseInt(hp[1]))) {
        c.setTcpNoDelay(true);
        var in = c.getInputStream(); var out = c.getOutputStream(); byte[] req = new byte[100], resp = new byte[size];
        for (int i = 0; i < 3000; i++) { out.write(req); out.flush(); in.readNBytes(resp, 0, size); }
        long[] t0 = new long[n];
        for (int i = 0; i < n; i++) { long s = System.nanoTime(); out.write(req); out.flush(); in.readNBytes(resp, 0, size); t0[i] = System.nanoTime() - s; }
        Arrays.sort(t0); System.out.printf("L=0 median %.3f ms%n", t0[n/2]/1e6);
        proxy.toxics().latency("l", ToxicDirection.DOWNSTREAM, 100);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) { long s = System.nanoTime(); out.write(req); out.flush(); in.readNBytes(resp, 0, size); t[i] = System.nanoTime() - s; }
        Arrays.sort(t); System.out.printf("L=100 median %.3f p90 %.3f max %.3f ms%n", t[n/2]/1e6, t[(int)(n*0.9)]/1e6, t[n-1]/1e6);
      }
    }
  }
}
