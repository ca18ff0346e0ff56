/**
 * The reports.
 *
 * <p>{@link dev.caas.harness.report.TalkTable} is the talk's table (median, mean, standard
 * deviation) with the theory and the tail added, {@link dev.caas.harness.report.SweepTable} a
 * sweep's; {@link dev.caas.harness.report.ReportWriter} puts them, with the provenance, on the
 * console, in Markdown and in JSON. {@link dev.caas.harness.report.ReportFiles} writes a whole
 * results folder: those, a CSV, an HdrHistogram interval log per run ({@link
 * dev.caas.harness.report.IntervalLog}), the {@link dev.caas.harness.report.Charts} as SVG (drawn
 * by XChart) and {@link dev.caas.harness.report.HtmlReport}, one self-contained page with the
 * charts inline and each variant's median request as a {@link dev.caas.harness.report.Waterfall}
 * from its Server-Timing.
 */
package dev.caas.harness.report;
