package dev.caas.harness.report;

import dev.caas.contract.ServerTiming;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.Scenario;
import dev.caas.harness.load.InjectedLatency;
import dev.caas.harness.queueing.Prediction;
import dev.caas.harness.queueing.VariantNetwork;
import dev.caas.harness.text.Millis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart: median and p99 per variant with the theory marked; for a
 * sweep, latency and throughput against what was swept with the queueing model's curve dashed and
 * the simple bounds, its asymptotes, dotted (the throughput's dotted line flattens at the lowest
 * ceiling, the dashed curve bends towards it); and each variant's median request as a waterfall.
 *
 * <p>A waterfall is an XY chart whose series are thick horizontal segments, one per step from its
 * {@code start} to its end: XChart has no horizontal bar chart, and a line segment with a butt cap
 * is exactly a bar on a time axis. Each variant keeps its colour in every chart; gathered is the
 * lighter shade of its model.
 */
public final class Charts {
  static final int WIDTH = 960;
  static final int HEIGHT = 480;
  static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);
  private static final BasicStroke DOTTED =
      new BasicStroke(
          1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0);
  private static final Color GRID = new Color(225, 225, 225);

  private Charts() {}

  /**
   * Every chart of the report, in the order the HTML shows them (waterfalls come from {@link
   * #waterfalls}).
   */
  public static List<ChartSvg> of(BenchReport report) {
    var charts = new ArrayList<ChartSvg>();
    List<PointSummary> summaries = PointSummary.of(report);
    if (summaries.isEmpty()) {
      return charts;
    }
    int lastPoint = summaries.getLast().point().index();
    List<PointSummary> last =
        summaries.stream().filter(s -> s.point().index() == lastPoint).toList();
    String at = report.points().size() > 1 ? " at " + last.getFirst().point().describe() : "";
    charts.add(
        ChartSvg.of(
            "latency-by-variant",
            "Median and p99 per variant, theory marked" + at,
            latencyByVariant(last)));
    switch (report.config().scenario()) {
      case Scenario.ConcurrencySweep sweep -> charts.addAll(againstConcurrency(summaries));
      case Scenario.Scale scale -> charts.addAll(againstConcurrency(summaries));
      case Scenario.LatencySweep sweep -> {
        ToDoubleFunction<PointSummary> injected =
            s -> InjectedLatency.millis(s.point().latency().upstream());
        charts.add(
            ChartSvg.of(
                "latency-vs-injected-latency",
                "Median latency against the injected latency",
                sweep(
                    summaries,
                    "Median latency against the injected latency (dashed: the queueing model;"
                        + " dotted: the bounds)",
                    "injected latency L (ms)",
                    "median latency (ms)",
                    injected,
                    PointSummary::medianMs,
                    atPoints(injected, s -> s.model().medianMs()),
                    atPoints(injected, s -> s.theory().medianMs()),
                    false,
                    false)));
        charts.add(
            ChartSvg.of(
                "throughput-vs-injected-latency",
                "Throughput against the injected latency",
                sweep(
                    summaries,
                    "Throughput against the injected latency (dashed: the queueing model; dotted:"
                        + " the bounds)",
                    "injected latency L (ms)",
                    "requests per second",
                    injected,
                    PointSummary::throughputRps,
                    atPoints(injected, s -> s.model().throughputRps()),
                    atPoints(injected, s -> s.theory().throughputRps()),
                    false,
                    false)));
      }
      case Scenario.Talk t -> {}
      case Scenario.Overload o -> {}
      case Scenario.Faults f -> {}
    }
    charts.addAll(CostCharts.of(report));
    return charts;
  }

  /** Median latency and throughput against the clients of a closed loop, the model dashed. */
  private static List<ChartSvg> againstConcurrency(List<PointSummary> summaries) {
    var charts = new ArrayList<ChartSvg>();
    ToDoubleFunction<PointSummary> clients = s -> s.point().concurrency();
    charts.add(
        ChartSvg.of(
            "latency-vs-concurrency",
            "Median latency against concurrency",
            sweep(
                summaries,
                "Median latency against concurrency (dashed: the queueing model; dotted: the"
                    + " bounds)",
                "clients (closed loop)",
                "median latency (ms)",
                clients,
                PointSummary::medianMs,
                modelCurve(p -> p.medianSeconds() * 1000),
                atPoints(clients, s -> s.theory().medianMs()),
                true,
                true)));
    charts.add(
        ChartSvg.of(
            "throughput-vs-concurrency",
            "Throughput against concurrency, the queueing model dashed, the bounds dotted",
            sweep(
                summaries,
                "Throughput against concurrency (dashed: the queueing model; dotted: the bounds,"
                    + " flat at the lowest ceiling)",
                "clients (closed loop)",
                "requests per second",
                clients,
                PointSummary::throughputRps,
                modelCurve(Prediction::throughputPerSecond),
                atPoints(clients, s -> s.theory().throughputRps()),
                true,
                false)));
    return charts;
  }

  /** Bars of the measured median and p99 per variant, the theory's median as a marker on each. */
  static CategoryChart latencyByVariant(List<PointSummary> summaries) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Median (dark) and p99 (light) per variant; diamond: the theory's median")
            .xAxisTitle("variant")
            .yAxisTitle("latency (ms)")
            .build();
    style(chart.getStyler());
    chart
        .getStyler()
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal);
    // Overlapped: the p99 bar behind the median's, so its visible part is the tail above the
    // median, and
    // the theory's marker sits on the bars it predicts.
    chart.getStyler().setOverlapped(true);
    List<String> names = summaries.stream().map(s -> s.variant().wireName()).toList();
    chart
        .addSeries("p99", names, boxed(summaries, PointSummary::p99Ms))
        .setFillColor(new Color(170, 190, 220));
    chart
        .addSeries("median", names, boxed(summaries, PointSummary::medianMs))
        .setFillColor(new Color(70, 110, 170));
    List<Double> theory = boxed(summaries, s -> s.theory().applies() ? s.theory().medianMs() : 0);
    CategorySeries marks = chart.addSeries("theory (median)", names, theory);
    marks.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    marks.setMarker(SeriesMarkers.DIAMOND);
    marks.setMarkerColor(new Color(200, 60, 40));
    return chart;
  }

  /**
   * A theory line of one variant: the x and y of each of its points, from that variant's summaries.
   */
  @FunctionalInterface
  interface TheoryLine {
    List<double[]> points(List<PointSummary> mine);
  }

  /** The theory at the measured points only. */
  static TheoryLine atPoints(ToDoubleFunction<PointSummary> x, ToDoubleFunction<PointSummary> y) {
    return mine ->
        mine.stream().map(s -> new double[] {x.applyAsDouble(s), y.applyAsDouble(s)}).toList();
  }

  /** How finely the model's curve is drawn. */
  static final int CURVE_STEPS = 48;

  /**
   * The queueing model's curve against the clients, solved at {@link #CURVE_STEPS} log-spaced
   * client counts between the sweep's smallest and largest (and at the measured ones), so the knee
   * shows as the bend it is and not as a corner between two measured points. The network is the
   * variant's at its first point: a concurrency sweep changes only the clients.
   */
  static TheoryLine modelCurve(ToDoubleFunction<Prediction> figure) {
    return mine -> {
      List<PointSummary> modelled = mine.stream().filter(s -> s.model().applies()).toList();
      if (modelled.isEmpty()) {
        return List.of();
      }
      VariantNetwork network = modelled.getFirst().model().network();
      int low = modelled.stream().mapToInt(s -> s.point().concurrency()).min().orElseThrow();
      int high = modelled.stream().mapToInt(s -> s.point().concurrency()).max().orElseThrow();
      var clients = new TreeSet<Integer>();
      for (int step = 0; step <= CURVE_STEPS; step++) {
        clients.add(
            (int) Math.round(low * Math.pow((double) high / low, (double) step / CURVE_STEPS)));
      }
      modelled.forEach(s -> clients.add(s.point().concurrency()));
      List<Integer> at = List.copyOf(clients);
      List<Prediction> curve = network.curve(at);
      var points = new ArrayList<double[]>();
      for (int i = 0; i < at.size(); i++) {
        points.add(new double[] {at.get(i), figure.applyAsDouble(curve.get(i))});
      }
      return points;
    };
  }

  /**
   * One measured line per variant, with the queueing model's curve dashed and the simple bounds
   * (the model's asymptotes) dotted, in the variant's colour, against what the sweep varied.
   */
  static XYChart sweep(
      List<PointSummary> summaries,
      String title,
      String xTitle,
      String yTitle,
      ToDoubleFunction<PointSummary> x,
      ToDoubleFunction<PointSummary> measured,
      TheoryLine model,
      TheoryLine bounds,
      boolean logX,
      boolean logY) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
    for (Variant variant : PointSummary.variants(summaries)) {
      List<PointSummary> mine = summaries.stream().filter(s -> s.variant() == variant).toList();
      addLine(chart, variant.wireName(), atPoints(x, measured).points(mine), logY)
          .ifPresent(
              series -> {
                series.setLineColor(colour(variant));
                series.setMarkerColor(colour(variant));
                series.setMarker(
                    variant.composition() == Variant.Composition.SEQUENTIAL
                        ? SeriesMarkers.CIRCLE
                        : SeriesMarkers.DIAMOND);
              });
      addLine(chart, variant.wireName() + " model", model.points(mine), logY)
          .ifPresent(series -> theoryStyle(series, variant, DASHED));
      addLine(chart, variant.wireName() + " bounds", bounds.points(mine), logY)
          .ifPresent(series -> theoryStyle(series, variant, DOTTED));
    }
    return chart;
  }

  private static void theoryStyle(XYSeries series, Variant variant, BasicStroke stroke) {
    series.setLineColor(colour(variant));
    series.setLineStyle(stroke);
    series.setMarker(SeriesMarkers.NONE);
  }

  /** A series of the finite (and, on a log axis, positive) points only; empty when none is left. */
  private static Optional<XYSeries> addLine(
      XYChart chart, String name, List<double[]> points, boolean logY) {
    var xs = new ArrayList<Double>();
    var ys = new ArrayList<Double>();
    for (double[] point : points) {
      double xv = point[0];
      double yv = point[1];
      if (Double.isFinite(xv)
          && Double.isFinite(yv)
          && (!logY || yv > 0)
          && (!chart.getStyler().isXAxisLogarithmic() || xv > 0)) {
        xs.add(xv);
        ys.add(yv);
      }
    }
    return xs.isEmpty() ? Optional.empty() : Optional.of(chart.addSeries(name, xs, ys));
  }

  /**
   * The median request of each run as a waterfall, all on one time axis so they compare: one chart
   * per waterfall, the steps as bars from {@code start} to {@code start + dur}, then the server's
   * total and the client's latency.
   */
  public static List<ChartSvg> waterfalls(List<Waterfall> waterfalls, String suffix) {
    double axis = waterfalls.stream().mapToDouble(Waterfall::spanMs).max().orElse(1);
    return waterfalls.stream()
        .map(
            w ->
                ChartSvg.of(
                    "waterfall-" + w.variant().wireName() + suffix,
                    w.variant().wireName() + ": the median request's steps on a time axis",
                    waterfall(w, axis)))
        .toList();
  }

  static XYChart waterfall(Waterfall waterfall, double axisMs) {
    int rows = waterfall.steps().size() + 1 + (Double.isNaN(waterfall.totalMs()) ? 0 : 1);
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(90 + 34 * rows)
            .title(
                waterfall.variant().wireName()
                    + ": median request, "
                    + Millis.format(waterfall.clientMs())
                    + " at the client")
            .xAxisTitle("ms from the start of the request")
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisTicksVisible(false).setYAxisTitleVisible(false);
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    chart
        .getStyler()
        .setXAxisMin(0.0)
        .setXAxisMax(axisMs * 1.02)
        .setYAxisMin(0.0)
        .setYAxisMax((double) rows + 1);
    var bar = new BasicStroke(18f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    int row = rows;
    for (ServerTiming.Metric step : waterfall.steps()) {
      segment(
          chart, step.name(), step.startMs(), step.endMs(), row--, bar, stepColour(step.name()));
    }
    if (!Double.isNaN(waterfall.totalMs())) {
      segment(
          chart, "total (server)", 0, waterfall.totalMs(), row--, bar, new Color(120, 120, 120));
    }
    segment(chart, "client (harness)", 0, waterfall.clientMs(), row, bar, new Color(60, 60, 60));
    return chart;
  }

  private static void segment(
      XYChart chart,
      String name,
      double from,
      double to,
      int row,
      BasicStroke stroke,
      Color colour) {
    XYSeries series = chart.addSeries(name, new double[] {from, to}, new double[] {row, row});
    series.setMarker(SeriesMarkers.NONE);
    series.setLineStyle(stroke);
    series.setLineColor(colour);
  }

  private static Color stepColour(String step) {
    return switch (step) {
      case "upstream" -> new Color(214, 120, 40);
      case "billing" -> new Color(60, 140, 90);
      case "name" -> new Color(70, 110, 190);
      default -> new Color(150, 100, 170);
    };
  }

  /** sync red, reactive green, Loom blue; gathered lighter. */
  static Color colour(Variant variant) {
    Color base =
        switch (variant.model()) {
          case SYNC -> new Color(190, 50, 40);
          case REACTIVE -> new Color(40, 140, 70);
          case LOOM -> new Color(40, 90, 190);
        };
    return variant.composition() == Variant.Composition.SEQUENTIAL
        ? base
        : new Color(
            (base.getRed() + 255) / 2, (base.getGreen() + 255) / 2, (base.getBlue() + 255) / 2);
  }

  static void style(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(GRID);
    styler.setPlotBorderVisible(false);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setAntiAlias(true);
  }

  private static List<Double> boxed(
      List<PointSummary> summaries, ToDoubleFunction<PointSummary> figure) {
    return summaries.stream()
        .map(
            s -> {
              double value = figure.applyAsDouble(s);
              return Double.isFinite(value) ? value : 0.0;
            })
        .toList();
  }
}
