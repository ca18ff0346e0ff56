import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.theory.CpuDemand;
import dev.caas.harness.theory.QueueingTheory;
import java.io.File;
import java.time.Duration;
import java.util.*;

/**
 * The queueing model of a committed sweep's every point, recomputed from its results.json with the model of the jar on
 * the class path: once as before (no JIT), once with each point's JIT cores taken from the CPU centre, and the points
 * within ±10 % on median and throughput counted for each. Usage: java -cp HARNESS_ALL_JAR Recompute.java results.json
 */
public class Recompute {
  public static void main(String[] a) throws Exception {
    JsonNode r = new ObjectMapper().readTree(new File(a[0]));
    int cores = r.path("provenance").path("cores").asInt(2);
    Map<String, List<JsonNode>> byVariant = new LinkedHashMap<>();
    for (JsonNode run : r.get("runs")) byVariant.computeIfAbsent(run.get("variant").asText(), k -> new ArrayList<>()).add(run);
    int[] tot = new int[2];
    for (var e : byVariant.entrySet()) {
      List<CpuDemand.Utilisation> pts = new ArrayList<>();
      for (JsonNode run : e.getValue()) {
        JsonNode d = run.path("costs").path("detail");
        double w = d.get("windowMs").asDouble() / 1000; double jit = 0;
        for (JsonNode p : d.get("processes")) jit += p.path("jitCpuMs").asDouble();
        pts.add(new CpuDemand.Utilisation(d.get("requests").asDouble() / w, (d.get("machineCpuMs").asDouble() - jit) / w));
      }
      CpuDemand cpu = CpuDemand.fromUtilisation(pts).or(() -> CpuDemand.atBusiestPoint(pts)).orElseThrow();
      int[] ok = new int[2];
      for (JsonNode run : e.getValue()) {
        JsonNode pt = run.get("point"); JsonNode lim = run.get("limits");
        Limits limits = new Limits(i(lim, "server_threads"), i(lim, "db_pool"), i(lim, "http_connections"), i(lim, "executor_threads"));
        var lat = new InjectedLatency(ms(pt.path("latency_ms").path("upstream")), ms(pt.path("jitter_ms").path("upstream")), ms(pt.path("latency_ms").path("postgres")), ms(pt.path("jitter_ms").path("postgres")));
        var wl = new ClosedLoop(pt.get("concurrency").asInt(), pt.get("requests").asInt(), ms(pt.path("ramp_up_ms")));
        JsonNode d = run.path("costs").path("detail");
        double jit = 0; for (JsonNode p : d.get("processes")) jit += p.path("jitCpuMs").asDouble();
        jit /= d.get("windowMs").asDouble();
        double med = run.path("latency_ms").path("median").asDouble(), x = run.get("throughput_rps").asDouble();
        StringBuilder line = new StringBuilder(String.format("%-20s C=%5d X=%7.1f med=%7.1f jit=%.2f", e.getKey(), wl.clients(), x, med, jit));
        for (int k = 0; k < 2; k++) {
          var m = QueueingTheory.of(Variant.parse(e.getKey()), limits, lat, wl, k == 0 ? cpu : cpu.whileCompiling(jit), cores);
          boolean good = Math.abs(med / m.medianMs() - 1) <= 0.1 && Math.abs(x / m.throughputRps() - 1) <= 0.1;
          ok[k] += good ? 1 : 0;
          line.append(String.format(" | %s X %.2f med %.2f %s", k == 0 ? "old" : "jit", x / m.throughputRps(), med / m.medianMs(), good ? "OK" : "--"));
        }
        System.out.println(line);
      }
      System.out.printf("%s: D %s; old %d/%d, with JIT %d/%d%n", e.getKey(), cpu.describe(), ok[0], e.getValue().size(), ok[1], e.getValue().size());
      tot[0] += ok[0]; tot[1] += ok[1];
    }
    System.out.printf("all: old %d, with JIT %d%n", tot[0], tot[1]);
  }
  static Integer i(JsonNode n, String k) { return n.path(k).isNumber() ? n.get(k).asInt() : null; }
  static Duration ms(JsonNode n) { return Duration.ofNanos(Math.round(n.asDouble() * 1e6)); }
}
