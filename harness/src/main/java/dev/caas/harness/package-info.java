/**
 * The {@code caas} command: the load generator, the theory and the reports, in one room per job.
 *
 * <h2>What a bench does</h2>
 *
 * {@link dev.caas.harness.bench.Bench} starts the testbed once (PostgreSQL and the dog upstream,
 * each behind a Toxiproxy), then takes each variant in turn: it launches the variant's jar as its
 * own JVM, waits until {@code /health} says its pools are filled, sends a warm-up at no latency,
 * clears the billing ledger, injects the latency, sends the measured requests, takes the latency
 * away again, waits until the variant reports no failed request's billing left to undo, and
 * reconciles the ledger with the photos it was served: a difference fails the run, naming the
 * filenames. The command only turns options into a {@link dev.caas.harness.bench.BenchConfig} and
 * the {@link dev.caas.harness.bench.BenchReport} into text and files; tests use {@code Bench}
 * directly.
 *
 * <h2>The rooms</h2>
 *
 * Each subpackage is one job, and dependencies point one way, from the command line down to the
 * words (the {@code ArchitectureTest} keeps it so):
 *
 * <pre>
 * cli          the commands: bench, calibrate, compare; options in, exit code out
 * ab           two builds in turns on one machine, for the CI gate; compare judges them
 * compare      two results files: slower, or only different by chance?
 * report       the report in text, Markdown, JSON, CSV, HTML, SVG charts and HdrHistogram logs
 * targets      implementations it did not start (bench --target): measured with the same rig
 * bench        the orchestration: config, scenarios, repetitions, the rig both benches share
 * faults       the fault matrix's cells and their verdicts
 * calibration  how fast the generator itself is, and whether a bench outran it
 * theory       what each run should measure, from the latency and the variant's limits
 * stats        latency statistics of samples: percentiles, steps, errors, throughput
 * variant      the variants' jars, their processes, their /health and their books
 * load         the load generator: workloads, the HTTP client, samples
 * text         how a time, a table and a progress line read
 * </pre>
 *
 * {@code queueing} and {@code cost}, when present, are leaves: theory, bench, report and the
 * command line may use them, and they use nothing else of the harness.
 */
package dev.caas.harness;
