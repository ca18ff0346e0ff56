import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.RequestClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;

/** The generator alone: a closed loop of 64 clients against a dog upstream in another process; this JVM's CPU per request. */
public class GenCost {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int requests = Integer.parseInt(args[1]);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (var client = new RequestClient(url, 64, Duration.ofSeconds(30))) {
      new ClosedLoop(64, 20000).run(client, "/dog", n -> {}); // warm-up: the JIT compiles the path
      long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
      var samples = new ClosedLoop(64, requests).run(client, "/dog", n -> {});
      long cpu = os.getProcessCpuTime() - cpu0, wall = System.nanoTime() - t0;
      long ok = samples.stream().filter(s -> s.ok()).count();
      System.out.printf("ok %d/%d, %.0f rps, generator CPU %.3f ms/request%n", ok, requests, requests / (wall / 1e9), cpu / 1e6 / requests);
    }
  }
}
