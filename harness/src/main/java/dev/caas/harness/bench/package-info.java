/**
 * The orchestration: what to run ({@link dev.caas.harness.bench.BenchConfig}, {@link
 * dev.caas.harness.bench.Scenario}), in which order, and what came of it ({@link
 * dev.caas.harness.bench.BenchReport}).
 *
 * <h2>Scenarios and repetitions</h2>
 *
 * A {@link dev.caas.harness.bench.Scenario} turns the config into {@link
 * dev.caas.harness.load.ScenarioPoint}s: the talk has one; a latency sweep varies L; a concurrency
 * sweep varies C, with latency on the upstream only (the thread limit shows) or on both proxies
 * (the database pool's shows for every model). One testbed serves the whole bench and each variant
 * process is measured at every point. {@code --repeat N} starts each variant N times in turn
 * ({@link dev.caas.harness.bench.RunOrder}), and {@link dev.caas.harness.bench.RepeatSummary}
 * reports the median of the medians with a bootstrap interval, so a ranking the noise could have
 * made is shown as such.
 *
 * <h2>Overload</h2>
 *
 * {@code --scenario overload} sends 2,000 requests at once, one per client, at 200 ms on both
 * proxies with a database pool of 100: a burst, not a steady state, which the theory predicts as
 * such (the pool drains it at P / (2·L_d) = 250 rps, the median request leaves after about 4.2 s).
 * Loom and reactive queue every request and answer all of them; a sync variant started with {@code
 * --queue 100} refuses the surplus at once with 503s, which the report lists by kind with their
 * time to fail.
 *
 * <h2>Two benches, one rig</h2>
 *
 * {@link dev.caas.harness.bench.Bench} measures a scenario's points; {@link
 * dev.caas.harness.bench.FaultBench} runs the fault matrix's cells, each in a fresh JVM. Both start
 * a variant, name its log, put the latency on the proxies, reconcile the billing once the
 * compensations are done and record the provenance through the same {@link
 * dev.caas.harness.bench.BenchRig}, so they cannot judge a variant differently. Every bench is
 * checked against the generator's calibration ({@link dev.caas.harness.bench.GeneratorCeiling}).
 */
package dev.caas.harness.bench;
