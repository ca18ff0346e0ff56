package dev.caas.harness.cost;

import dev.caas.harness.cost.CostPart.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Predicted against measured bytes per waiting request, for one measure (heap after GC, or RSS),
 * with a sentence that says what the gap means.
 *
 * <p>A gap is worth explaining when one figure is more than twice the other and they differ by more
 * than {@link #NEGLIGIBLE_BYTES} (a kibibyte per request is below what a sweep of a few thousand
 * requests resolves against a heap that varies by megabytes between samples). A slope whose line
 * does not explain its points ({@link SlopeFit#isReliable()}) is not compared at all: the
 * explanation says so instead.
 *
 * @param model the concurrency model
 * @param measure {@code "heap after GC"} or {@code "RSS"}
 * @param predictedBytes the bytes per waiting request the model predicts for this measure
 * @param measured the fitted line
 * @param explanation what the comparison says, one or two sentences
 */
public record CostComparison(
    ConcurrencyModel model,
    String measure,
    long predictedBytes,
    SlopeFit measured,
    String explanation) {

  /** Differences smaller than this per request are not called a gap. */
  public static final long NEGLIGIBLE_BYTES = 1024;

  /**
   * Both comparisons of a model: heap after GC against the heap parts, and RSS against the native
   * parts (against every part when the heap was not pre-touched, as then the heap grows RSS too).
   */
  public static List<CostComparison> of(
      WaitingRequestCost predicted, MeasuredWaitingCost measured) {
    long residentPredicted =
        measured.heapPreTouched() ? predicted.nativeBytes() : predicted.totalBytes();
    return List.of(
        compare(predicted, Memory.HEAP, "heap after GC", predicted.heapBytes(), measured.heap()),
        compare(predicted, Memory.NATIVE, "RSS", residentPredicted, measured.resident()));
  }

  private static CostComparison compare(
      WaitingRequestCost predicted,
      Memory memory,
      String measure,
      long predictedBytes,
      SlopeFit fit) {
    return new CostComparison(
        predicted.model(),
        measure,
        predictedBytes,
        fit,
        explain(predicted, memory, measure, predictedBytes, fit));
  }

  /** The fields a report prints, in a stable order, named as JSON fields. */
  public Map<String, Object> toJsonFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", model.name().toLowerCase(Locale.ROOT));
    fields.put("measure", measure);
    fields.put("predictedBytesPerRequest", predictedBytes);
    fields.put("measuredBytesPerRequest", measured.slope());
    fields.put("interceptBytes", measured.intercept());
    fields.put("rSquare", measured.rSquare());
    fields.put("points", measured.points());
    fields.put("gapOverTwice", measured.isReliable() && gapOverTwice());
    fields.put("explanation", explanation);
    return fields;
  }

  /** Measured over predicted; infinite when nothing was predicted. */
  public double ratio() {
    return measured.slope() / predictedBytes;
  }

  /** Whether one figure is more than twice the other, by more than a negligible amount. */
  public boolean gapOverTwice() {
    return isGap(predictedBytes, measured.slope());
  }

  private static boolean isGap(long predicted, double measured) {
    double larger = Math.max(predicted, measured);
    double smaller = Math.min(predicted, measured);
    return larger - smaller > NEGLIGIBLE_BYTES && larger > 2 * smaller;
  }

  private static String explain(
      WaitingRequestCost predicted,
      Memory memory,
      String measure,
      long predictedBytes,
      SlopeFit fit) {
    String figures =
        String.format(
            Locale.ROOT,
            "%s: predicted %,d B, measured %,.0f B per waiting request (R² %.2f, %d points)",
            measure,
            predictedBytes,
            fit.slope(),
            fit.rSquare(),
            fit.points());
    if (!fit.isReliable()) {
      return figures
          + (fit.points() < 3
              ? ". Not a measurement: a line through two points always fits them; take at least"
                  + " three."
              : ". Not a measurement: the line explains too little of the points (R² below "
                  + SlopeFit.RELIABLE_R_SQUARE
                  + "), the samples vary more between themselves than with the requests in"
                  + " flight; take more points, or a wider range of in-flight counts.");
    }
    if (!isGap(predictedBytes, fit.slope())) {
      return figures + ". Within 2×: the model accounts for what a waiting request holds.";
    }
    boolean more = fit.slope() > predictedBytes;
    List<String> reasons = reasons(predicted, memory, more);
    return figures
        + String.format(
            Locale.ROOT,
            ". Measured is %.1f× the prediction. ",
            predictedBytes == 0 ? Double.POSITIVE_INFINITY : fit.slope() / predictedBytes)
        + String.join(" ", reasons);
  }

  /** The likely reasons for a gap, most likely first, for this model, memory and direction. */
  private static List<String> reasons(WaitingRequestCost predicted, Memory memory, boolean more) {
    List<String> reasons = new ArrayList<>();
    ConcurrencyModel model = predicted.model();
    if (more && memory == Memory.NATIVE) {
      if (model == ConcurrencyModel.SYNC) {
        reasons.add(
            "A platform thread keeps every stack page it ever touched: a thread that once ran"
                + " deeper than it waits (class loading, the JIT's deoptimisation, an exception's"
                + " stack walk) stays committed that deep. glibc may also give busy threads malloc"
                + " arenas of their own, committed as used.");
      } else {
        reasons.add(
            "Something native grows with the requests in flight: direct buffers (Netty's pooled"
                + " arenas grow with concurrent reads and do not shrink), or the heap was not"
                + " pre-touched after all (-XX:+AlwaysPreTouch) and its growth shows in RSS.");
      }
    }
    if (more && memory == Memory.HEAP) {
      if (model == ConcurrencyModel.LOOM) {
        reasons.add(
            "A stack chunk is allocated with room to grow and kept between parks; the census's"
                + " median depth may be shallower than the deepest frames (the HTTP client's).");
      }
      if (model == ConcurrencyModel.REACTIVE) {
        reasons.add(
            "More operators per request than assumed (each WebClient call assembles its own chain,"
                + " with checkpoint, metrics and context operators).");
      }
      reasons.add(
          "Objects the model leaves out grow with the requests in flight: buffers retained per"
              + " connection by the server or the HTTP client, idle pooled connections kept after"
              + " the peak, per-connection state of the generator's connections. A class histogram"
              + " (jcmd <pid> GC.class_histogram) at two in-flight counts, diffed, names them.");
    }
    if (!more) {
      if (model == ConcurrencyModel.SYNC && memory == Memory.NATIVE) {
        reasons.add(
            "Fewer new threads than requests: a bounded pool below the in-flight count queues"
                + " requests instead of giving each a thread (run with --server-threads = C), or"
                + " the threads existed before the sweep began.");
      }
      reasons.add(
          "The model counts per request what requests share (a connection, a buffer, a pooled"
              + " object), or the frames are fewer or smaller than assumed ("
              + predicted.shape().stackFrames()
              + " frames × "
              + predicted.shape().bytesPerFrame()
              + " B): compiled, inlined frames are a few words each.");
    }
    reasons.add(
        "The largest predicted part here is: "
            + largestName(predicted, memory)
            + "; check its assumption first.");
    return reasons;
  }

  private static String largestName(WaitingRequestCost predicted, Memory memory) {
    return predicted.parts().stream().anyMatch(p -> p.memory() == memory)
        ? predicted.largest(memory).what()
        : "none (nothing predicted in " + memory.name().toLowerCase(Locale.ROOT) + " memory)";
  }
}
