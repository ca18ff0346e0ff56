import dev.caas.toxiproxy.ToxiproxyServer;
import dev.caas.upstream.DogUpstream;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proxy + upstream alone, in one JVM: CLIENTS clients on java.net.http (as the variants), GET /dog
 * through a 100 ms downstream latency toxic. Usage: java -cp HARNESS_ALL_JAR Micro.java REQUESTS CLIENTS
 */
public class Micro {
  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(args[1]), requests = Integer.parseInt(args[0]);
    try (var upstream = DogUpstream.start("127.0.0.1", 0, 1);
        var toxiproxy = ToxiproxyServer.start("127.0.0.1", 0)) {
      var api = new ToxiproxyClient("127.0.0.1", toxiproxy.port());
      Proxy proxy = api.createProxy("up", "127.0.0.1:0", "127.0.0.1:" + upstream.port());
      String listen = proxy.getListen();
      URI uri = URI.create("http://" + listen + "/dog");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      run(http, uri, clients, 2000); // warm-up, no latency
      long[] z = run(http, uri, clients, requests); Arrays.sort(z);
      System.out.printf("L=0 median %.3f ms p90 %.3f%n", z[z.length/2]/1e6, z[(int)(z.length*0.9)]/1e6);
      proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100);
      run(http, uri, clients, 50);
      long[] ms = run(http, uri, clients, requests);
      Arrays.sort(ms);
      System.out.printf("median %.2f ms, p90 %.2f ms, p99 %.2f ms (n=%d)%n",
          ms[ms.length / 2] / 1e6, ms[(int) (ms.length * 0.9)] / 1e6, ms[(int) (ms.length * 0.99)] / 1e6, ms.length);
    }
  }

  static long[] run(HttpClient http, URI uri, int clients, int requests) throws Exception {
    long[] took = new long[requests];
    var next = new AtomicInteger();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        threads.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < requests; ) {
            long start = System.nanoTime();
            var response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new IllegalStateException("" + response.statusCode());
            took[i] = System.nanoTime() - start;
          }
          return null;
        });
      }
    }
    return took;
  }
}
