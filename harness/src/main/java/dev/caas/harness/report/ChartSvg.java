package dev.caas.harness.report;

import dev.caas.harness.text.HtmlEscape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart drawn by XChart, as the SVG document its vector encoder writes (for a {@code .svg} file)
 * and as an element to put inline in an HTML page.
 *
 * <p>Inline, every chart shares one document: XChart names its clip paths itself, so two charts
 * could name one alike and the second would be clipped by the first's rectangle. Each inline
 * chart's ids get the chart's own prefix.
 *
 * @param name the file name without {@code .svg}, also the inline ids' prefix, e.g. {@code
 *     waterfall-sync-sequential}
 * @param title what it shows, for the page and for screen readers
 * @param document the SVG file's text
 */
public record ChartSvg(String name, String title, String document) {
  private static final Pattern PROLOG = Pattern.compile("(?s)^.*?(<svg\\b)");
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
  private static final Pattern REFERENCE = Pattern.compile("(url\\(#|href=\"#)([^)\"]+)");
  private static final Pattern SIZE = Pattern.compile("\\s(width|height)=\"[^\"]*\"");

  static {
    // Charts are drawn off screen; without this, AWT may look for a display on a desktop machine.
    System.setProperty("java.awt.headless", "true");
  }

  /** Draws {@code chart} as SVG. */
  public static ChartSvg of(String name, String title, Chart<?, ?> chart) {
    var out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + name, e);
    }
    return new ChartSvg(name, title, out.toString(StandardCharsets.UTF_8));
  }

  /**
   * The {@code <svg>} element alone, ids prefixed, scaled by CSS to its container (the view box
   * keeps its proportions), labelled with its title.
   */
  public String inline() {
    Matcher prolog = PROLOG.matcher(document);
    String svg = prolog.find() ? document.substring(prolog.start(1)) : document;
    svg = ID.matcher(svg).replaceAll(m -> "id=\"" + name + "-" + m.group(1) + "\"");
    svg =
        REFERENCE
            .matcher(svg)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + name + "-" + m.group(2)));
    int tagEnd = svg.indexOf('>');
    String openTag = SIZE.matcher(svg.substring(0, tagEnd)).replaceAll("");
    return openTag
        + " class=\"chart\" role=\"img\" aria-label=\""
        + HtmlEscape.escape(title)
        + "\""
        + svg.substring(tagEnd);
  }
}
