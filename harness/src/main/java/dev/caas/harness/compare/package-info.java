/**
 * {@code caas compare}: is the current bench slower than the baseline, or only different by chance?
 *
 * <h2>Why a ratio is not enough</h2>
 *
 * Two runs of the same code at the same settings never give the same median: the machine is shared,
 * the JIT compiles at different moments, a garbage collection lands in one run and not the other. A
 * CI job that fails whenever the median moves by 5 % fails for nothing, and people learn to ignore
 * it. So every row carries a confidence interval, and only an interval that lies wholly beyond the
 * threshold counts.
 *
 * <h2>Where the interval comes from</h2>
 *
 * The bench keeps every request ({@code runs[].samples} in its JSON). {@link
 * dev.caas.harness.compare.Bootstrap} resamples each run's successful latencies with replacement,
 * 2,000 times by default, recomputes the median, the p99 and the throughput each time, and takes
 * the middle 95 % of the ratios current/baseline: the percentile bootstrap. It needs no assumption
 * about the shape of the latencies, which are anything but normal. It draws blocks of consecutive
 * requests rather than single ones, because requests in flight together share their stalls; drawn
 * one by one, a run that met one stall looks "significantly" slower than its twin. Beside it,
 * {@link dev.caas.harness.compare.MannWhitney} gives the p-value benchstat prints, the probability
 * of latencies this different if both runs came from the same distribution. How throughput is
 * resampled, through Little's law, is explained on {@link dev.caas.harness.compare.Comparison}.
 *
 * <h2>The verdict and the exit code</h2>
 *
 * {@link dev.caas.harness.compare.Verdict}: <em>slower</em> when the whole interval is beyond
 * {@code 1 + threshold} for a latency (below {@code 1 - threshold} for throughput), <em>faster</em>
 * when beyond it the other way, <em>same</em> otherwise. One slower row makes {@code caas compare}
 * exit with 1, the signal a CI job needs; bad input exits with 2, so a missing baseline is never
 * mistaken for a regression.
 *
 * <h2>Two builds from one run: the A/B gate</h2>
 *
 * Two bench files made on different machines or days can only be compared with wide margins, and
 * the talk's figures are mostly injected waiting. {@code caas ab} measures the head and the base
 * builds in turns on one machine and keeps every run labelled with its build ({@link
 * dev.caas.harness.compare.GateRun}, {@link dev.caas.harness.compare.GateFile}); {@link
 * dev.caas.harness.compare.GateComparison} judges head against base on figures that move with the
 * code ({@link dev.caas.harness.compare.GateMetric}), with the same bootstrap and verdicts as here,
 * and {@link dev.caas.harness.compare.GateWriter} writes the reviewer's table and chart. {@code
 * caas compare --ab FILE} judges a saved run again.
 *
 * <h2>What it cannot see</h2>
 *
 * The statistics say whether the two runs differ, not why. Two files made with different latencies,
 * client counts or machines differ for reasons that are not the code; the report prints both files'
 * provenance and warns when their scenarios differ. The interval covers the noise within a run, not
 * between runs on different days: on a noisy machine keep the threshold above the run-to-run drift
 * you observe.
 */
package dev.caas.harness.compare;
