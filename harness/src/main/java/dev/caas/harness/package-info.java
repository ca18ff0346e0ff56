/**
 * The {@code caas} command: the load generator, the theory and the reports.
 *
 * <h2>What a bench does</h2>
 *
 * {@link dev.caas.harness.Bench} starts the testbed once (PostgreSQL and the dog upstream, each
 * behind a Toxiproxy), then takes each variant in turn: it launches the variant's jar as its own
 * JVM ({@link dev.caas.harness.VariantProcess}), waits until {@code /health} says its pools are
 * filled, sends a warm-up at no latency, clears the billing ledger, injects the latency, sends the
 * measured requests, takes the latency away again, waits until the variant's {@code /health}
 * reports no failed request's billing left to undo ({@link dev.caas.harness.Settled}), and
 * reconciles the ledger with the photos it was served ({@link dev.caas.harness.BillingCheck}): a
 * difference fails the run, naming the filenames. The command ({@link
 * dev.caas.harness.BenchCommand}) only turns options into a {@link dev.caas.harness.BenchConfig}
 * and the {@link dev.caas.harness.BenchReport} into text and files; tests use {@code Bench}
 * directly.
 *
 * <h2>The load generator</h2>
 *
 * A {@link dev.caas.harness.Workload} says when requests are sent: a {@link
 * dev.caas.harness.ClosedLoop} of C clients, as in the talk, or an {@link
 * dev.caas.harness.OpenLoop} at a fixed rate, whose latencies count from each request's scheduled
 * start so that a stalled server cannot hide its stall (coordinated omission). Both send through a
 * {@link dev.caas.harness.LoadClient}: Reactor Netty over kept-alive connections, because a
 * generator that queues inside itself measures its own queue. Every request is kept as a {@link
 * dev.caas.harness.Sample}, Server-Timing header included.
 *
 * <h2>Theory beside every number</h2>
 *
 * {@link dev.caas.harness.Theory} predicts each run from the injected latency and the limits the
 * variant reports: one request takes T = L_u + 2·L_d in sequence or L_u + L_d gathered; many
 * requests are bounded by the scarcest resource. The table prints the measured median over the
 * predicted one; far from 1.0 is a finding to explain, not noise to ignore.
 *
 * <h2>Scenarios and repetitions</h2>
 *
 * A {@link dev.caas.harness.Scenario} turns the config into {@link dev.caas.harness.LoadPoint}s:
 * the talk has one; a latency sweep varies L; a concurrency sweep varies C, with latency on the
 * upstream only (the thread limit shows) or on both proxies (the database pool's shows for every
 * model). One testbed serves the whole bench and each variant process is measured at every point.
 * {@code --repeat N} starts each variant N times in turn ({@link dev.caas.harness.RunOrder}), and
 * {@link dev.caas.harness.RepeatSummary} reports the median of the medians with a bootstrap
 * interval, so a ranking the noise could have made is shown as such.
 *
 * <h2>Overload</h2>
 *
 * {@code --scenario overload} sends 2,000 requests at once, one per client, at 200 ms on both
 * proxies with a database pool of 100: a burst, not a steady state, which {@link
 * dev.caas.harness.Theory} predicts as such (the pool drains it at P / (2·L_d) = 250 rps, the
 * median request leaves after about 4.2 s). Loom and reactive queue every request and answer all of
 * them; a sync variant started with {@code --queue 100} refuses the surplus at once with 503s,
 * which the report lists by kind with their time to fail ({@link dev.caas.harness.ErrorSummary}).
 *
 * <h2>Faults</h2>
 *
 * {@code --fault NAME,…|all} runs the fault matrix instead ({@link dev.caas.harness.FaultBench}):
 * for each variant and each fault of the testbed's catalogue ({@link dev.caas.testbed.Fault}), a
 * fresh JVM with a short deadline (1 s), a warm-up, then a {@link dev.caas.harness.FaultLoad}: 4
 * clients for three phases at 20 ms, the fault injected as the second phase begins and healed as
 * the third begins. Then the harness waits for the variant's pools to be idle, sends one request
 * that must be a 200, waits for the compensations and reconciles the billing. {@link
 * dev.caas.harness.FaultRun} decides each cell (errors of the fault's own status and step, none
 * slower than the deadline + 50 ms, pools idle, recovered, books balanced) and {@link
 * dev.caas.harness.FaultMatrix} prints faults down, variants across, then one row per cell and one
 * line per failure.
 *
 * <h2>Is the generator the bottleneck?</h2>
 *
 * {@code caas calibrate} ({@link dev.caas.harness.Calibrator}) measures the harness and {@code wrk}
 * against the same loopback {@link dev.caas.harness.DelayServer} and stores the ceiling; every
 * bench is checked against it ({@link dev.caas.harness.GeneratorCeiling}), and an open loop reports
 * whether it kept its schedule ({@link dev.caas.harness.GeneratorCheck}).
 *
 * <h2>Reports</h2>
 *
 * {@link dev.caas.harness.TalkTable} is the talk's table (median, mean, standard deviation) with
 * the theory and the tail added, {@link dev.caas.harness.SweepTable} a sweep's; {@link
 * dev.caas.harness.ReportWriter} puts them, with the {@link dev.caas.harness.Provenance}, on the
 * console, in Markdown and in JSON. {@link dev.caas.harness.ReportFiles} writes a whole results
 * folder: those, a CSV, an HdrHistogram interval log per run ({@link
 * dev.caas.harness.IntervalLog}), the {@link dev.caas.harness.Charts} as SVG (drawn by XChart) and
 * {@link dev.caas.harness.HtmlReport}, one self-contained page with the charts inline and each
 * variant's median request as a {@link dev.caas.harness.Waterfall} from its Server-Timing.
 */
package dev.caas.harness;
