/**
 * The service's world, started and stopped as one object: PostgreSQL, a Toxiproxy with two proxies,
 * and the canine upstream.
 *
 * <pre>
 * variant ──HTTP──&gt; [proxy "upstream"] ──&gt; canine upstream
 *         └─PG wire─&gt; [proxy "postgres"] ──&gt; PostgreSQL
 * </pre>
 *
 * A variant is given only the proxies' addresses ({@link dev.caas.testbed.Testbed#jdbcUrl()},
 * {@link dev.caas.testbed.Testbed#upstreamUrl()}), so every byte it exchanges with a dependency can
 * be delayed. Latency is a Toxiproxy {@code latency} toxic on each proxy's downstream stream: each
 * request/response round trip pays it once.
 *
 * <p>Everything here is real: PostgreSQL runs as a process (zonky's embedded binaries), the proxy
 * forwards real TCP, the upstream serves real HTTP. Toxiproxy is driven through the official {@code
 * toxiproxy-java} client, so the same code works against our embedded server or a real {@code
 * toxiproxy-server}.
 *
 * <p>The testbed itself reads the database directly, not through the proxy ({@link
 * dev.caas.testbed.Testbed#billingCounts()}), so checking the billing never waits for injected
 * latency.
 */
package dev.caas.testbed;
