import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.*;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * How reproducible each point of a sweep is, from several runs of the same sweep (the same command, the same jars): per
 * variant and client count, the spread of the measured median and throughput across the runs (coefficient of
 * variation, smallest and largest), and the share of the runs' points within ±10 % of the point's own median over the
 * runs on both figures. That share bounds what any prediction can reach: a model that knew the median of the runs
 * exactly would be within ±10 % of a single run's point no more often. Beside it, the queueing model each run was
 * given (its {@code theory.mva}, from that run's own probe) taken as the median over the runs, against the runs'
 * median: whether the model predicts the point once the run-to-run spread is averaged out.
 * Usage: java -cp HARNESS_ALL_JAR Reproducibility.java results.json [results.json …]
 * (a results.json of a bench with --repeat counts each repetition as a run)
 */
public class Reproducibility {
  record Measured(double medianMs, double throughputRps, double modelMedianMs, double modelThroughputRps) {}

  public static void main(String[] files) throws Exception {
    if (files.length == 0) {
      System.err.println("usage: java -cp harness-…-all.jar Reproducibility.java results.json [results.json …]");
      System.exit(2);
    }
    Map<String, SortedMap<Integer, List<Measured>>> byVariant = new LinkedHashMap<>();
    for (String file : files) {
      for (JsonNode run : new ObjectMapper().readTree(new File(file)).get("runs")) {
        byVariant.computeIfAbsent(run.get("variant").asText(), k -> new TreeMap<>())
            .computeIfAbsent(run.get("point").get("concurrency").asInt(), k -> new ArrayList<>())
            .add(new Measured(run.path("latency_ms").path("median").asDouble(), run.get("throughput_rps").asDouble(),
                run.path("theory").path("mva").path("median_ms").asDouble(Double.NaN),
                run.path("theory").path("mva").path("throughput_rps").asDouble(Double.NaN)));
      }
    }
    System.out.printf("%-20s %6s %4s %22s %22s %s%n", "variant", "C", "runs", "throughput cv (min–max)", "median cv (min–max)", "runs within ±10 % of their median; the model's median over the runs / theirs (median, throughput)");
    int allWithin = 0, allPoints = 0, allModelled = 0, allPredicted = 0;
    for (var variant : byVariant.entrySet()) {
      int within = 0, points = 0, modelled = 0, predicted = 0;
      for (var point : variant.getValue().entrySet()) {
        List<Measured> runs = point.getValue();
        double[] x = runs.stream().mapToDouble(Measured::throughputRps).toArray();
        double[] m = runs.stream().mapToDouble(Measured::medianMs).toArray();
        double mx = median(x), mm = median(m);
        int close = 0;
        for (Measured run : runs) {
          close += Math.abs(run.throughputRps() / mx - 1) <= 0.1 && Math.abs(run.medianMs() / mm - 1) <= 0.1 ? 1 : 0;
        }
        within += close;
        points += runs.size();
        double modelMedian = median(runs.stream().mapToDouble(Measured::modelMedianMs).toArray());
        double modelThroughput = median(runs.stream().mapToDouble(Measured::modelThroughputRps).toArray());
        String model = "no model";
        if (Double.isFinite(modelMedian) && Double.isFinite(modelThroughput)) {
          boolean good = Math.abs(mm / modelMedian - 1) <= 0.1 && Math.abs(mx / modelThroughput - 1) <= 0.1;
          modelled++;
          predicted += good ? 1 : 0;
          model = String.format(Locale.ROOT, "%.2f %.2f %s", mm / modelMedian, mx / modelThroughput, good ? "ok" : "MISS");
        }
        System.out.printf(Locale.ROOT, "%-20s %6d %4d %6.2f (%6.0f–%6.0f rps) %6.2f (%6.1f–%6.1f ms) %d/%d; %s%n",
            variant.getKey(), point.getKey(), runs.size(), cv(x), min(x), max(x), cv(m), min(m), max(m), close, runs.size(), model);
      }
      System.out.printf(Locale.ROOT, "%s: %d of %d points (%.0f %%) within ±10 %% of their runs' median; the model within ±10 %% of the runs' median at %d of %d%n",
          variant.getKey(), within, points, 100.0 * within / points, predicted, modelled);
      allWithin += within;
      allPoints += points;
      allModelled += modelled;
      allPredicted += predicted;
    }
    System.out.printf(Locale.ROOT, "all: %d of %d (%.0f %%); the model %d of %d%n", allWithin, allPoints, 100.0 * allWithin / allPoints, allPredicted, allModelled);
  }

  static double median(double[] values) {
    return new DescriptiveStatistics(values).getPercentile(50);
  }

  static double cv(double[] values) {
    var statistics = new DescriptiveStatistics(values);
    return statistics.getStandardDeviation() / statistics.getMean();
  }

  static double min(double[] values) {
    return new DescriptiveStatistics(values).getMin();
  }

  static double max(double[] values) {
    return new DescriptiveStatistics(values).getMax();
  }
}
