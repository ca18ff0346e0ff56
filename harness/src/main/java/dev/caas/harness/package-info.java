/**
 * The {@code caas} command: the load generator, the theory and the reports.
 *
 * <h2>What a bench does</h2>
 * {@link dev.caas.harness.Bench} starts the testbed once (PostgreSQL and the dog upstream, each behind a
 * Toxiproxy), then takes each variant in turn: it launches the variant's jar as its own JVM
 * ({@link dev.caas.harness.VariantProcess}), waits until {@code /health} says its pools are filled, sends a
 * warm-up at no latency, clears the billing ledger, injects the latency, sends the measured requests, takes the
 * latency away again, and reconciles the ledger with the photos it was served. The command
 * ({@link dev.caas.harness.BenchCommand}) only turns options into a {@link dev.caas.harness.BenchConfig} and
 * the {@link dev.caas.harness.BenchReport} into text and files; tests use {@code Bench} directly.
 *
 * <h2>The load generator</h2>
 * A {@link dev.caas.harness.Workload} says when requests are sent: a {@link dev.caas.harness.ClosedLoop} of C
 * clients, as in the talk, or an {@link dev.caas.harness.OpenLoop} at a fixed rate, whose latencies count from
 * each request's scheduled start so that a stalled server cannot hide its stall (coordinated omission). Both
 * send through a {@link dev.caas.harness.LoadClient}: Reactor Netty over kept-alive connections, because a
 * generator that queues inside itself measures its own queue. Every request is kept as a
 * {@link dev.caas.harness.Sample}, Server-Timing header included.
 *
 * <h2>Theory beside every number</h2>
 * {@link dev.caas.harness.Theory} predicts each run from the injected latency and the limits the variant
 * reports: one request takes T = L_u + 2·L_d in sequence or L_u + L_d gathered; many requests are bounded by
 * the scarcest resource. The table prints the measured median over the predicted one; far from 1.0 is a
 * finding to explain, not noise to ignore.
 *
 * <h2>Scenarios and repetitions</h2>
 * A {@link dev.caas.harness.Scenario} turns the config into {@link dev.caas.harness.LoadPoint}s: the talk has
 * one; a latency sweep varies L; a concurrency sweep varies C, with latency on the upstream only (the thread
 * limit shows) or on both proxies (the database pool's shows for every model). One testbed serves the whole
 * bench and each variant process is measured at every point. {@code --repeat N} starts each variant N times
 * in turn ({@link dev.caas.harness.RunOrder}), and {@link dev.caas.harness.RepeatSummary} reports the median
 * of the medians with a bootstrap interval, so a ranking the noise could have made is shown as such.
 *
 * <h2>Is the generator the bottleneck?</h2>
 * {@code caas calibrate} ({@link dev.caas.harness.Calibrator}) measures the harness and {@code wrk} against
 * the same loopback {@link dev.caas.harness.DelayServer} and stores the ceiling; every bench is checked
 * against it ({@link dev.caas.harness.GeneratorCeiling}), and an open loop reports whether it kept its
 * schedule ({@link dev.caas.harness.GeneratorCheck}).
 *
 * <h2>Reports</h2>
 * {@link dev.caas.harness.TalkTable} is the talk's table (median, mean, standard deviation) with the theory and
 * the tail added, {@link dev.caas.harness.SweepTable} a sweep's; {@link dev.caas.harness.ReportWriter} puts
 * them, with the {@link dev.caas.harness.Provenance}, on the console, in Markdown and in JSON.
 * {@link dev.caas.harness.ReportFiles} writes a whole results folder: those, a CSV, an HdrHistogram interval
 * log per run ({@link dev.caas.harness.IntervalLog}), the {@link dev.caas.harness.Charts} as SVG (drawn by
 * XChart) and {@link dev.caas.harness.HtmlReport}, one self-contained page with the charts inline and each
 * variant's median request as a {@link dev.caas.harness.Waterfall} from its Server-Timing.
 */
package dev.caas.harness;
