package dev.caas.harness.cost;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One variant's cost of a waiting request over a sweep: predicted from its model ({@link
 * WaitingRequestCost}), measured as the slopes through its plateau samples ({@link
 * MeasuredWaitingCost}), and the two set side by side ({@link CostComparison}).
 *
 * <p>The prediction takes the handler's depth from the thread dump of the largest point when the
 * model parks virtual threads (their median depth is the depth a stack chunk copies), and the
 * shadow zone from the variant's own flags; the rest is {@link HandlerShape#DEFAULT}.
 *
 * @param variant the variant's name, e.g. {@code loom-gathered}
 * @param points the plateau samples, in order of requests in flight
 * @param predicted what the model predicts one waiting request holds
 * @param measured the fitted slopes
 * @param comparisons heap after GC and RSS, each predicted against measured
 */
public record VariantWaitingCost(
    String variant,
    List<PlateauSample> points,
    WaitingRequestCost predicted,
    MeasuredWaitingCost measured,
    List<CostComparison> comparisons) {

  public VariantWaitingCost {
    points = List.copyOf(points);
    comparisons = List.copyOf(comparisons);
  }

  /**
   * Fits and compares, given the variant's plateau samples and its JVM's flags; empty with fewer
   * than two samples (a line needs two).
   */
  public static Optional<VariantWaitingCost> of(
      String variant, List<PlateauSample> samples, JvmFlags flags) {
    if (samples.size() < 2) {
      return Optional.empty();
    }
    List<PlateauSample> sorted =
        samples.stream().sorted(Comparator.comparingLong(PlateauSample::requestsInFlight)).toList();
    ConcurrencyModel model = ConcurrencyModel.ofVariant(variant);
    HandlerShape shape = HandlerShape.DEFAULT.withFlagsOf(flags);
    int frames = sorted.getLast().sample().threads().virtualStackFramesMedian();
    if (model == ConcurrencyModel.LOOM && frames > 0) {
      shape = shape.withStackFrames(frames);
    }
    WaitingRequestCost predicted = WaitingRequestCost.predict(model, shape);
    MeasuredWaitingCost measured =
        MeasuredWaitingCost.fit(
            sorted.stream().map(PlateauSample::point).toList(), flags.alwaysPreTouch());
    return Optional.of(
        new VariantWaitingCost(
            variant, sorted, predicted, measured, CostComparison.of(predicted, measured)));
  }

  /** The comparison of heap after GC. */
  public CostComparison heap() {
    return comparisons.getFirst();
  }

  /** The comparison of RSS. */
  public CostComparison resident() {
    return comparisons.get(1);
  }

  /** The most requests in flight a sample saw. */
  public long mostInFlight() {
    return points.getLast().requestsInFlight();
  }

  /**
   * {@code loom-gathered: heap 3.1 kB predicted, 4.0 kB measured (R² 0.99); RSS …}: one line for
   * the report, then each comparison's explanation.
   */
  public List<String> describe() {
    String line =
        String.format(
            Locale.ROOT,
            "%s: per waiting request, heap after GC predicted %s, measured %s (R² %.2f); RSS"
                + " predicted %s, measured %s (R² %.2f); %d points up to %,d in flight",
            variant,
            RunCosts.bytes(heap().predictedBytes()),
            RunCosts.bytes(Math.round(heap().measured().slope())),
            heap().measured().rSquare(),
            RunCosts.bytes(resident().predictedBytes()),
            RunCosts.bytes(Math.round(resident().measured().slope())),
            resident().measured().rSquare(),
            points.size(),
            mostInFlight());
    return List.of(line, "  " + heap().explanation(), "  " + resident().explanation());
  }

  /** The JSON fields: the prediction part by part, the points, the comparisons. */
  public Map<String, Object> toJsonFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("variant", variant);
    fields.put("model", predicted.model().name().toLowerCase(Locale.ROOT));
    fields.put("predictedHeapBytesPerRequest", predicted.heapBytes());
    fields.put("predictedNativeBytesPerRequest", predicted.nativeBytes());
    fields.put("predictedParts", predicted.toJsonFields());
    fields.put(
        "points",
        points.stream()
            .map(
                p ->
                    Map.of(
                        "requestsInFlight", p.requestsInFlight(),
                        "heapAfterGcBytes", p.sample().heapAfterGcBytes(),
                        "rssBytes", p.sample().residentBytes(),
                        "platformThreads", p.sample().platformThreads(),
                        "virtualThreads", p.sample().threads().virtualThreads()))
            .toList());
    fields.put("comparisons", comparisons.stream().map(CostComparison::toJsonFields).toList());
    return fields;
  }
}
