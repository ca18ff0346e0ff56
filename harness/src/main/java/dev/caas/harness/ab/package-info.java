/**
 * {@code caas ab}: two builds of the project measured in turns on one machine, the gate a pull
 * request passes.
 *
 * <h2>Why not the committed baseline</h2>
 *
 * The talk's scenario waits 300 ms on injected latency for a few milliseconds of code, and the
 * baseline was made on another machine. A handler that burnt one millisecond of CPU more per
 * request, a quarter of the service's capacity, moved the talk's median by 1 % and passed. Two
 * things were wrong at once: the figure (mostly waiting, which no code changes) and the comparison
 * (two machines, so only wide margins are safe).
 *
 * <h2>What an A/B run does</h2>
 *
 * {@link dev.caas.harness.ab.AbRunner} starts the variant from the base build's jars and from the
 * head's, in turns ({@link dev.caas.harness.ab.AbOrder}: base, head, head, base, …), each time in a
 * fresh JVM against the same testbed, so the machine's drift falls on both builds alike. Each JVM
 * is warmed up, then measured at three short points ({@link dev.caas.harness.ab.AbPlan}):
 *
 * <ul>
 *   <li>a closed loop at <b>no latency</b>: the throughput at saturation, and, metered over the
 *       same window, the CPU time of the variant's process and the heap its JVM allocated, per
 *       request;
 *   <li>a few clients at a <b>small latency</b>: the median above the theory's T, and each step's
 *       Server-Timing duration above the latency injected on it;
 *   <li>an <b>open loop</b> at a fixed rate below saturation: the p99, the tail a user meets.
 * </ul>
 *
 * These move when the code does. {@link dev.caas.harness.compare.GateComparison} gives each its
 * bootstrap interval of head/base and a verdict; one slower figure fails the gate.
 *
 * <h2>A regression on purpose</h2>
 *
 * A gate that never caught anything proves nothing. {@code --head-extra-cpu 1ms} starts the head's
 * variant with the test-only {@code --extra-cpu 1ms} ({@link dev.caas.contract.ExtraCpu}): the same
 * code, one millisecond of CPU more per request. The gate's benchmark (results/gate/) counts how
 * often that is flagged, and how often the same build against itself is.
 */
package dev.caas.harness.ab;
