package dev.caas.harness.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one run (one variant at one point) cost: the {@link CostWindow} around its measured
 * requests, the sample at its plateau when the scenario takes one, and what the roles mean here.
 *
 * @param window the processes' costs over the measured window, and the variant JVM's
 * @param requests the requests the window served, for the per-request figures
 * @param plateau the variant sampled while all the point's clients waited (the scale scenario)
 * @param notes what a reader must know to read the roles, e.g. that the generator's process also
 *     hosts the proxy and the upstream
 */
public record RunCosts(
    CostWindow window, long requests, Optional<PlateauSample> plateau, List<String> notes) {

  public RunCosts {
    notes = List.copyOf(notes);
  }

  /** CPU milliseconds per request of the process with this role, if it was watched. */
  public Optional<Double> cpuMillisPerRequest(String role) {
    return window.processes().stream()
        .filter(p -> p.role().equals(role))
        .findFirst()
        .map(p -> p.cpuMillisPerRequest(requests));
  }

  /**
   * The run's costs in one or two lines: {@code CPU per request: variant 1.9 ms, generator 0.8 ms,
   * …; variant heap after GC 41 MB, RSS 2.2 GB, 38 threads, 0 virtual, JIT 120 ms in window}.
   */
  public List<String> describe() {
    var cpu = new ArrayList<String>();
    for (ProcessCost process : window.processes()) {
      cpu.add(
          String.format(
              Locale.ROOT, "%s %.2f ms", process.role(), process.cpuMillisPerRequest(requests)));
    }
    var lines = new ArrayList<String>();
    lines.add(
        String.format(
            Locale.ROOT,
            "CPU per request: %s; whole machine %.2f ms",
            String.join(", ", cpu),
            window.cpuMillisPerRequest(requests)));
    window
        .variantJvm()
        .ifPresent(
            jvm ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "variant heap after GC %s, RSS %s%s, %d threads (peak %d), %d virtual;"
                            + " GC %d pauses, %d ms total, %d ms max; %s allocated per request;"
                            + " JIT %d ms in window",
                        bytes(jvm.end().heapAfterGcBytes()),
                        bytes(jvm.end().residentBytes()),
                        jvm.end()
                            .nativeMemory()
                            .map(nmt -> ", NMT committed " + bytes(nmt.committedBytes()))
                            .orElse(""),
                        jvm.end().platformThreads(),
                        jvm.peakPlatformThreads(),
                        jvm.end().threads().virtualThreads(),
                        jvm.gcPauses(),
                        jvm.gcPauseTotalMillis(),
                        jvm.gcPauseMaxMillis(),
                        bytes(Math.round(jvm.allocatedBytesPerRequest(requests))),
                        jvm.jitMillis())));
    plateau.ifPresent(
        p ->
            lines.add(
                String.format(
                    Locale.ROOT,
                    "at the plateau, %,d in flight: heap after GC %s, RSS %s, %d platform threads,"
                        + " %d virtual",
                    p.requestsInFlight(),
                    bytes(p.sample().heapAfterGcBytes()),
                    bytes(p.sample().residentBytes()),
                    p.sample().platformThreads(),
                    p.sample().threads().virtualThreads())));
    return lines;
  }

  /** The JSON fields: the window's, the plateau's and the notes. */
  public Map<String, Object> toJsonFields() {
    Map<String, Object> fields = new LinkedHashMap<>(window.toJsonFields(requests));
    plateau.ifPresent(
        p -> {
          Map<String, Object> sample = new LinkedHashMap<>();
          sample.put("requestsInFlight", p.requestsInFlight());
          sample.put("heapAfterGcBytes", p.sample().heapAfterGcBytes());
          sample.put("rssBytes", p.sample().residentBytes());
          sample.put("platformThreads", p.sample().platformThreads());
          sample.put("virtualThreads", p.sample().threads().virtualThreads());
          sample.put("virtualStackFramesMedian", p.sample().threads().virtualStackFramesMedian());
          p.sample()
              .nativeMemory()
              .ifPresent(nmt -> sample.put("nmtCommittedBytes", nmt.committedBytes()));
          fields.put("plateau", sample);
        });
    if (!notes.isEmpty()) {
      fields.put("notes", notes);
    }
    return fields;
  }

  /** {@code 41.2 MB}, {@code 2.1 GB}, {@code 930 B}: decimal units, as the report prints them. */
  public static String bytes(long bytes) {
    if (Math.abs(bytes) < 1_000) {
      return bytes + " B";
    }
    if (Math.abs(bytes) < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    if (Math.abs(bytes) < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
