/**
 * The reports.
 *
 * <p>{@link dev.caas.harness.report.TalkTable} is the talk's table (median, mean, standard
 * deviation) with the theory and the tail added, {@link dev.caas.harness.report.SweepTable} a
 * sweep's. A report is built once as a small model ({@link dev.caas.harness.report.ReportModel}:
 * title, provenance, then blocks: results, theory notes, sections, waterfalls, fault matrix,
 * failures, what did not run), which {@link dev.caas.harness.report.TextReport} draws for the
 * console and {@link dev.caas.harness.report.MarkdownReport} for files, each one switch over the
 * block kinds; {@link dev.caas.harness.report.ReportJson} is the one place the JSON is written, one
 * method per object. {@link dev.caas.harness.report.ReportWriter} is their front door. {@link
 * dev.caas.harness.report.ReportFiles} writes a whole results folder: those, a CSV, an HdrHistogram
 * interval log per run ({@link dev.caas.harness.report.IntervalLog}), the {@link
 * dev.caas.harness.report.Charts} as SVG (drawn by XChart) and {@link
 * dev.caas.harness.report.HtmlReport}, one self-contained page with the charts inline and each
 * variant's median request as a {@link dev.caas.harness.report.Waterfall} from its Server-Timing.
 */
package dev.caas.harness.report;
