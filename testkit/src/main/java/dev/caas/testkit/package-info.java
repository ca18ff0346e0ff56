/**
 * The one contract test-suite. Every variant of every model runs the same tests against the real
 * testbed (PostgreSQL, Toxiproxy, the canine upstream), so a variant cannot pass by being special.
 *
 * <p>An implementation module writes one short subclass of each suite, whose constructor names its
 * model and how to start a variant (a {@link dev.caas.testkit.VariantLauncher}): {@link
 * dev.caas.testkit.DogServiceContract} (what every variant answers), {@link
 * dev.caas.testkit.FaultContract} (failing dependencies), {@link dev.caas.testkit.AbuseContract}
 * (hostile clients and a {@link dev.caas.testkit.HostileUpstream}), {@link
 * dev.caas.testkit.OverloadContract} (a burst) and {@link dev.caas.testkit.GatheringShapeContract}
 * (the shape the theory predicts under 100 ms of injected latency: sequential ≈ 3L, gathered ≈ 2L,
 * every step ≈ L). Each suite runs both compositions of the model ({@link
 * dev.caas.testkit.VariantsOfAModel}): the list of variants is written once, here. Where a model
 * deviates from a suite by design, the test says so with an assumption that names the reason.
 *
 * <p>The testbed is shared by all test classes of one JVM ({@link dev.caas.testkit.SharedTestbed}):
 * starting PostgreSQL once saves seconds per class. Tests that inject latency or faults take them
 * away again.
 *
 * <p>Timing-bound tests keep the machine to themselves in a parallel build: {@link
 * dev.caas.testkit.QuietMachine} is a lock shared by the build's test JVMs, held exclusively by
 * each {@link dev.caas.testkit.FaultContract} test and shared by the tests that busy the machine
 * (the overload burst, every harness test).
 */
package dev.caas.testkit;
