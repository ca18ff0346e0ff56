package dev.caas.harness.report;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.cost.InFlightSample;
import dev.caas.harness.cost.PlateauSample;
import dev.caas.harness.cost.SlopeFit;
import dev.caas.harness.cost.VariantWaitingCost;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cost charts, drawn when runs were metered: the variant's memory against the requests in
 * flight (heap after GC, and RSS) with the fitted line through the points and the line the model
 * predicts, so the slopes — bytes per waiting request — are what the eye compares; CPU per request
 * stacked by process, so the variant's share of the machine shows; and threads against the requests
 * in flight.
 *
 * <p>The predicted line starts from the fitted line's intercept: a model predicts what one more
 * waiting request costs, not what the process holds with none.
 */
final class CostCharts {
  private static final double MB = 1e6;

  private CostCharts() {}

  static List<ChartSvg> of(BenchReport report) {
    var charts = new ArrayList<ChartSvg>();
    List<VariantWaitingCost> fitted = CostSummary.waitingCosts(report);
    if (!fitted.isEmpty()) {
      charts.add(
          ChartSvg.of(
              "heap-per-waiting-request",
              "Heap after GC against requests in flight: measured, fitted and predicted",
              memory(
                  fitted,
                  "Heap after GC against requests in flight (solid: fitted; dashed: predicted)",
                  "heap after GC (MB)",
                  InFlightSample::heapAfterGcBytes,
                  w -> w.heap().measured(),
                  w -> w.heap().predictedBytes())));
      charts.add(
          ChartSvg.of(
              "rss-per-waiting-request",
              "RSS against requests in flight: measured, fitted and predicted",
              memory(
                  fitted,
                  "RSS against requests in flight (solid: fitted; dashed: predicted)",
                  "resident set (MB)",
                  InFlightSample::residentBytes,
                  w -> w.resident().measured(),
                  w -> w.resident().predictedBytes())));
      charts.add(
          ChartSvg.of(
              "threads-vs-in-flight", "Threads against requests in flight", threads(fitted)));
    }
    List<CostSummary.Metered> metered = CostSummary.metered(report);
    if (!metered.isEmpty()) {
      charts.add(
          ChartSvg.of(
              "cpu-per-request-by-process",
              "CPU per request, stacked by process",
              cpuStacked(metered)));
    }
    return charts;
  }

  /** Per variant: the measured points, the fitted line, the predicted line. */
  static XYChart memory(
      List<VariantWaitingCost> fitted,
      String title,
      String yTitle,
      ToLongFunction<InFlightSample> bytes,
      Function<VariantWaitingCost, SlopeFit> fit,
      ToLongFunction<VariantWaitingCost> predictedPerRequest) {
    XYChart chart = xy(title, yTitle);
    for (VariantWaitingCost cost : fitted) {
      Variant variant = Variant.parse(cost.variant());
      List<InFlightSample> points = cost.points().stream().map(PlateauSample::point).toList();
      XYSeries measured =
          chart.addSeries(
              cost.variant() + " measured",
              points.stream().map(p -> (double) p.requestsInFlight()).toList(),
              points.stream().map(p -> bytes.applyAsLong(p) / MB).toList());
      measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      measured.setMarkerColor(Charts.colour(variant));
      measured.setMarker(SeriesMarkers.DIAMOND);
      SlopeFit line = fit.apply(cost);
      double from = points.getFirst().requestsInFlight();
      double to = points.getLast().requestsInFlight();
      line(chart, cost.variant() + " fitted", from, to, line.at(from), line.at(to), variant)
          .setLineStyle(new BasicStroke(1.5f));
      double predicted = predictedPerRequest.applyAsLong(cost);
      line(
              chart,
              cost.variant() + " predicted",
              from,
              to,
              line.at(from),
              line.at(from) + predicted * (to - from),
              variant)
          .setLineStyle(Charts.DASHED);
    }
    return chart;
  }

  private static XYSeries line(
      XYChart chart,
      String name,
      double x0,
      double x1,
      double y0Bytes,
      double y1Bytes,
      Variant variant) {
    XYSeries series =
        chart.addSeries(name, new double[] {x0, x1}, new double[] {y0Bytes / MB, y1Bytes / MB});
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(Charts.colour(variant));
    return series;
  }

  /** Platform threads (solid) and virtual threads (dashed) at each plateau, per variant. */
  static XYChart threads(List<VariantWaitingCost> fitted) {
    XYChart chart = xy("Threads at the plateau against requests in flight", "threads");
    for (VariantWaitingCost cost : fitted) {
      Variant variant = Variant.parse(cost.variant());
      series(chart, cost.variant() + " platform", cost, p -> p.sample().platformThreads(), variant);
      if (cost.points().stream().anyMatch(p -> p.sample().threads().virtualThreads() > 0)) {
        series(
                chart,
                cost.variant() + " virtual",
                cost,
                p -> p.sample().threads().virtualThreads(),
                variant)
            .setLineStyle(Charts.DASHED);
      }
    }
    return chart;
  }

  private static XYSeries series(
      XYChart chart,
      String name,
      VariantWaitingCost cost,
      ToDoubleFunction<PlateauSample> y,
      Variant variant) {
    XYSeries series =
        chart.addSeries(
            name,
            cost.points().stream().map(p -> (double) p.requestsInFlight()).toList(),
            cost.points().stream().map(y::applyAsDouble).toList());
    series.setLineColor(Charts.colour(variant));
    series.setMarkerColor(Charts.colour(variant));
    return series;
  }

  /** One bar per run, stacked by the processes' CPU milliseconds per request. */
  static CategoryChart cpuStacked(List<CostSummary.Metered> metered) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT)
            .title("CPU per request by process (the variant's share of the machine at the bottom)")
            .xAxisTitle("run")
            .yAxisTitle("CPU ms per request")
            .build();
    Charts.style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(45);
    var roles = new LinkedHashSet<String>();
    metered.forEach(m -> m.costs().window().processes().forEach(p -> roles.add(p.role())));
    List<String> labels = metered.stream().map(CostSummary.Metered::label).toList();
    int shade = 0;
    for (String role : roles) {
      List<Double> values = new ArrayList<>();
      for (CostSummary.Metered m : metered) {
        values.add(
            m.costs().window().processes().stream()
                .filter(p -> p.role().equals(role))
                .mapToDouble(p -> p.cpuMillisPerRequest(m.costs().requests()))
                .findFirst()
                .orElse(0));
      }
      chart.addSeries(role, labels, values).setFillColor(roleColour(role, shade++));
    }
    return chart;
  }

  private static Color roleColour(String role, int index) {
    return switch (role) {
      case "variant" -> new Color(40, 90, 190);
      case "generator" -> new Color(150, 150, 150);
      case "proxy" -> new Color(214, 120, 40);
      case "upstream" -> new Color(190, 160, 60);
      case "postgres" -> new Color(60, 140, 90);
      default -> new Color(120 + 20 * index % 100, 100, 160);
    };
  }

  private static XYChart xy(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT)
            .title(title)
            .xAxisTitle("requests in flight")
            .yAxisTitle(yTitle)
            .build();
    Charts.style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
  }
}
