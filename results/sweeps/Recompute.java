import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caas.contract.Limits;
import dev.caas.contract.Variant;
import dev.caas.harness.load.ClosedLoop;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.queueing.ProbedMachine;
import dev.caas.harness.theory.CpuDemand;
import dev.caas.harness.theory.QueueingTheory;
import java.io.File;
import java.time.Duration;
import java.util.*;

/**
 * The queueing model of a committed sweep's every point, recomputed from its results.json with the model of the jar on
 * the class path, three ways: the CPU demand line over the points (without and with each point's JIT cores taken from
 * the CPU centre), and, for a sweep whose runs kept their no-latency probe, the probed machine; the points within ±10 %
 * on median and throughput counted for each.
 * Usage: java -cp HARNESS_ALL_JAR Recompute.java results.json
 */
public class Recompute {
  public static void main(String[] a) throws Exception {
    JsonNode r = new ObjectMapper().readTree(new File(a[0]));
    int cores = r.path("provenance").path("cores").asInt(2);
    Map<String, List<JsonNode>> byVariant = new LinkedHashMap<>();
    for (JsonNode run : r.get("runs")) byVariant.computeIfAbsent(run.get("variant").asText(), k -> new ArrayList<>()).add(run);
    int[] tot = new int[MODELS.length];
    for (var e : byVariant.entrySet()) {
      List<CpuDemand.Utilisation> pts = new ArrayList<>();
      for (JsonNode run : e.getValue()) {
        JsonNode d = run.path("costs").path("detail");
        double w = d.get("windowMs").asDouble() / 1000; double jit = 0;
        for (JsonNode p : d.get("processes")) jit += p.path("jitCpuMs").asDouble();
        pts.add(new CpuDemand.Utilisation(d.get("requests").asDouble() / w, (d.get("machineCpuMs").asDouble() - jit) / w));
      }
      CpuDemand cpu = CpuDemand.fromUtilisation(pts).or(() -> CpuDemand.atBusiestPoint(pts)).orElseThrow();
      int[] ok = new int[MODELS.length];
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
        ProbedMachine machine = machine(run.path("theory").path("mva").path("machine").path("probes"));
        for (int k = 0; k < MODELS.length; k++) {
          boolean probed = k == 2;
          if (probed && machine == null) continue;
          var m = QueueingTheory.of(Variant.parse(e.getKey()), limits, lat, wl, k == 1 ? cpu.whileCompiling(jit) : cpu, cores, probed ? machine : null);
          boolean good = Math.abs(med / m.medianMs() - 1) <= 0.1 && Math.abs(x / m.throughputRps() - 1) <= 0.1;
          ok[k] += good ? 1 : 0;
          line.append(String.format(" | %s X %.2f med %.2f %s", MODELS[k], x / m.throughputRps(), med / m.medianMs(), good ? "OK" : "--"));
        }
        System.out.println(line);
      }
      System.out.printf("%s: D %s;", e.getKey(), cpu.describe());
      for (int k = 0; k < MODELS.length; k++) System.out.printf(" %s %d/%d", MODELS[k], ok[k], e.getValue().size());
      System.out.println();
      for (int k = 0; k < MODELS.length; k++) tot[k] += ok[k];
    }
    System.out.print("all:");
    for (int k = 0; k < MODELS.length; k++) System.out.printf(" %s %d", MODELS[k], tot[k]);
    System.out.println();
  }
  /** The CPU demand line without and with the point's JIT cores; the probed machine (which takes no JIT cores). */
  static final String[] MODELS = {"line", "line+jit", "probe"};
  static ProbedMachine machine(JsonNode probes) {
    if (!probes.isArray() || probes.isEmpty()) return null;
    List<ProbedMachine.Point> points = new ArrayList<>();
    for (JsonNode p : probes) points.add(new ProbedMachine.Point(p.get("clients").asInt(), p.get("throughput_rps").asDouble()));
    return new ProbedMachine(points);
  }
  static Integer i(JsonNode n, String k) { return n.path(k).isNumber() ? n.get(k).asInt() : null; }
  static Duration ms(JsonNode n) { return Duration.ofNanos(Math.round(n.asDouble() * 1e6)); }
}
