/**
 * {@code caas bench --target}: measuring an implementation the harness did not start.
 *
 * <p>The six Java variants are jars the harness launches, so it knows their names, their models and
 * their limits before the first request. An implementation in another language, or one already
 * deployed on another host, is only a URL. It was started against a testbed (the one {@code caas
 * testbed} runs, described by its JSON), so the harness can still do everything that makes a run
 * comparable: the same warm-up, latency injected on the wire by that testbed's proxies, the billing
 * ledger read from its database and reconciled with the photos served. What the harness cannot know
 * it asks the implementation, and never guesses: the name and the limits from the contract's
 * optional {@code /health}, the composition from {@code Server-Timing}. Without limits, the theory
 * beside the row is the latency-only prediction, and the row says "limits unknown".
 *
 * <h2>Nothing assumes loopback</h2>
 *
 * A target is reached at its URL, the testbed at the addresses its JSON gives; the harness, the
 * testbed and the target may run on three hosts (README, "Several hosts").
 */
package dev.caas.harness.targets;
