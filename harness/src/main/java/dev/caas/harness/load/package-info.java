/**
 * The load generator.
 *
 * <p>A {@link dev.caas.harness.load.Workload} says when requests are sent: a {@link
 * dev.caas.harness.load.ClosedLoop} of C clients, as in the talk, or an {@link
 * dev.caas.harness.load.OpenLoop} at a fixed rate, whose latencies count from each request's
 * scheduled start so that a stalled server cannot hide its stall (coordinated omission). Both send
 * through a {@link dev.caas.harness.load.RequestClient}: Netty's HTTP codec over kept-alive
 * connections, because a generator that queues inside itself measures its own queue, and nothing
 * per request beyond the codec, because the generator's CPU is taken from the machine the variant
 * is measured on. Every request is kept as a {@link dev.caas.harness.load.Sample}, Server-Timing
 * header included, and an open loop reports whether it kept its schedule ({@link
 * dev.caas.harness.load.GeneratorCheck}).
 *
 * <p>A {@link dev.caas.harness.load.ScenarioPoint} is one workload at one {@link
 * dev.caas.harness.load.InjectedLatency}: what a scenario measures each variant at.
 *
 * <p>A {@link dev.caas.harness.load.LeavingClient} is the one client that does not wait for its
 * answer: it sends a request on a socket of its own and closes it (FIN or RST) before the answer
 * comes, for the {@code client-abort} fault. A request counts as a photo delivered only when its
 * whole body arrived ({@link dev.caas.harness.load.Sample#ok()}).
 */
package dev.caas.harness.load;
