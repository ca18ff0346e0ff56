import dev.caas.toxiproxy.ToxiproxyServer;
import dev.caas.upstream.DogUpstream;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Proxy + dog upstream without java.net.http: a hand-rolled HTTP/1.1 GET on a blocking socket, one client,
 * 100 ms downstream latency toxic. Usage: java -cp HARNESS_ALL_JAR RawUpstream.java N
 */
public class RawUpstream {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    try (var upstream = DogUpstream.start("127.0.0.1", 0, 1); var tp = ToxiproxyServer.start("127.0.0.1", 0)) {
      var api = new ToxiproxyClient("127.0.0.1", tp.port());
      var proxy = api.createProxy("e", "127.0.0.1:0", "127.0.0.1:" + upstream.port());
      String[] hp = proxy.getListen().split(":");
      try (Socket c = new Socket(hp[0], Integer.parseInt(hp[1]))) {
        c.setTcpNoDelay(true);
        var in = new BufferedInputStream(c.getInputStream(), 65536); var out = c.getOutputStream();
        byte[] req = "GET /dog HTTP/1.1\r\nHost: up\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 3000; i++) get(in, out, req);
        long[] z = new long[n];
        for (int i = 0; i < n; i++) { long s = System.nanoTime(); get(in, out, req); z[i] = System.nanoTime() - s; }
        Arrays.sort(z); System.out.printf("L=0 median %.3f ms%n", z[n/2]/1e6);
        proxy.toxics().latency("l", ToxicDirection.DOWNSTREAM, 100);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) { long s = System.nanoTime(); get(in, out, req); t[i] = System.nanoTime() - s; }
        Arrays.sort(t); System.out.printf("L=100 median %.3f p90 %.3f p99 %.3f ms%n", t[n/2]/1e6, t[(int)(n*0.9)]/1e6, t[(int)(n*0.99)]/1e6);
      }
    }
  }
  static void get(InputStream in, OutputStream out, byte[] req) throws IOException {
    out.write(req); out.flush();
    int len = -1; StringBuilder line = new StringBuilder();
    while (true) { int b = in.read(); if (b == '\n') { String l = line.toString().trim(); line.setLength(0);
        if (l.isEmpty()) break; if (l.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(l.substring(15).trim()); }
      else line.append((char) b); }
    in.readNBytes(len);
  }
}
