/**
 * The command line: {@code caas bench}, {@code caas calibrate} and {@code caas compare}, parsed by
 * picocli.
 *
 * <p>{@link dev.caas.harness.cli.BenchCommand} only turns options into a {@link
 * dev.caas.harness.bench.BenchConfig}, hands it to the bench and the {@link
 * dev.caas.harness.bench.BenchReport} to the report writers; the exit code is the report's verdict.
 * The words of the options are the words of the code: {@code --scenario} is a {@link
 * dev.caas.harness.bench.Scenario}, {@code --fault} a fault of the testbed's catalogue, {@code
 * --repeat} the config's repeat.
 */
package dev.caas.harness.cli;
