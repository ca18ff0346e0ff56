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
 *
 * <h2>Where the rig runs, and what it may hold</h2>
 *
 * By default the Toxiproxy server and the upstream run in the JVM that starts the testbed: quick,
 * right for tests. For runs with thousands of requests in flight, {@link
 * dev.caas.testbed.ProcessLayout#SEPARATE_PROCESSES} starts each in a child JVM of its own, so each
 * has its own open-files limit (the limit is per process, and here it cannot be raised) and its own
 * CPU time, and the JVM that generates load holds only its own sockets. An outgoing connection also
 * takes one of about 28,000 ephemeral ports of its source address, so the embedded proxy can dial
 * the upstream from several loopback addresses in turn ({@link
 * dev.caas.testbed.TestbedOptions#loopbackAddresses(int)}). {@link
 * dev.caas.testbed.RigBudget#check} does the arithmetic before a point starts: open files per
 * process and ports per address pair, needed against available, and refuses a point that cannot
 * fit, saying why in numbers.
 *
 * <h2>The testbed as a service</h2>
 *
 * {@link dev.caas.testbed.TestbedMain} ({@code caas testbed}) runs the same testbed for an
 * implementation started by someone else, in any language: it prints the endpoints as the {@code
 * CAAS_*} environment variables of {@link dev.caas.testbed.ImplementationEnvironment} and as JSON,
 * which it also serves over HTTP ({@link dev.caas.testbed.EndpointsServer}) for a harness on
 * another host to attach with ({@link dev.caas.testbed.Testbed#attach}), and stops everything on
 * SIGINT or SIGTERM. It listens on loopback unless told otherwise; nothing else in this package
 * assumes loopback beyond that default.
 */
package dev.caas.testbed;
