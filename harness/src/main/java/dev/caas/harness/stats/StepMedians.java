package dev.caas.harness.stats;

import dev.caas.contract.ServerTiming;
import dev.caas.contract.Step;
import dev.caas.harness.load.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median {@code Server-Timing} duration of each step over a run's successful requests: what the
 * variant itself saw. Each step should cost about one injected latency; a step that costs two has a
 * hidden round trip (a validation query, a second connection handshake).
 */
public final class StepMedians {
  private StepMedians() {}

  /**
   * Step name to median milliseconds: {@code upstream}, {@code billing}, {@code name}, {@code
   * total}, in that order.
   */
  public static Map<String, Double> of(List<Sample> samples) {
    var durations = new LinkedHashMap<String, List<Double>>();
    for (Sample sample : samples) {
      if (!sample.ok()) {
        continue;
      }
      List<ServerTiming.Metric> metrics;
      try {
        metrics = ServerTiming.parse(sample.serverTiming());
      } catch (IllegalArgumentException unreadable) {
        continue;
      }
      for (ServerTiming.Metric metric : metrics) {
        durations
            .computeIfAbsent(metric.name(), name -> new ArrayList<>())
            .add(metric.durationMs());
      }
    }
    var order = new ArrayList<String>();
    for (Step step : Step.values()) {
      order.add(step.wireName());
    }
    order.add(ServerTiming.TOTAL);
    durations.keySet().stream().filter(name -> !order.contains(name)).forEach(order::add);
    var medians = new LinkedHashMap<String, Double>();
    for (String name : order) {
      if (durations.containsKey(name)) {
        medians.put(name, median(durations.get(name)));
      }
    }
    return medians;
  }

  static double median(List<Double> values) {
    var sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
