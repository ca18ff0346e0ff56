/**
 * The load generator.
 *
 * <p>A {@link dev.caas.harness.load.Workload} says when requests are sent: a {@link
 * dev.caas.harness.load.ClosedLoop} of C clients, as in the talk, or an {@link
 * dev.caas.harness.load.OpenLoop} at a fixed rate, whose latencies count from each request's
 * scheduled start so that a stalled server cannot hide its stall (coordinated omission). Both send
 * through a {@link dev.caas.harness.load.RequestClient}: Reactor Netty over kept-alive connections,
 * because a generator that queues inside itself measures its own queue. Every request is kept as a
 * {@link dev.caas.harness.load.Sample}, Server-Timing header included, and an open loop reports
 * whether it kept its schedule ({@link dev.caas.harness.load.GeneratorCheck}).
 *
 * <p>A {@link dev.caas.harness.load.ScenarioPoint} is one workload at one {@link
 * dev.caas.harness.load.InjectedLatency}: what a scenario measures each variant at.
 */
package dev.caas.harness.load;
