/**
 * The one contract test-suite. Every variant of every model runs the same tests against the real
 * testbed (PostgreSQL, Toxiproxy, the canine upstream), so a variant cannot pass by being special.
 *
 * <p>An implementation module writes one short subclass of {@link
 * dev.caas.testkit.DogServiceContract} per variant, saying only which variant it is and how to
 * start it (a {@link dev.caas.testkit.VariantLauncher}), and one subclass of {@link
 * dev.caas.testkit.GatheringShapeContract} per model, which measures both compositions under 100 ms
 * of injected latency and checks the shape the theory predicts: sequential ≈ 3L, gathered ≈ 2L,
 * every step ≈ L.
 *
 * <p>The testbed is shared by all test classes of one JVM ({@link dev.caas.testkit.SharedTestbed}):
 * starting PostgreSQL once saves seconds per class. Tests that inject latency or faults take them
 * away again.
 */
package dev.caas.testkit;
