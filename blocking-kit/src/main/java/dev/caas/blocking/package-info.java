/**
 * The blocking I/O of the thread-per-request models, written once for both: {@code sync-impl} (a
 * bounded pool of platform threads) and {@code loom-impl} (a virtual thread per request).
 *
 * <p>Everything here blocks the calling thread while it waits: {@link
 * dev.caas.blocking.CanineUpstream} in {@code HttpClient.send}, {@link
 * dev.caas.blocking.BillingLedger} and {@link dev.caas.blocking.DogNames} in JDBC. That is the
 * point: the two models run the <em>same</em> blocking code, and differ only in what a blocked
 * thread costs. A blocked platform thread holds one of a few dozen OS threads for the whole wait; a
 * blocked virtual thread unmounts from its carrier, which goes on to run other requests.
 *
 * <p>{@link dev.caas.blocking.DogServer} wires Javalin the same way for both, taking the thread
 * model and the request handler as parameters; {@link dev.caas.blocking.Database} builds a HikariCP
 * pool that adds no hidden round trips, and {@link dev.caas.blocking.FairPool} serves its borrowers
 * in the order they asked, which Hikari alone does not: with a thousand virtual threads waiting for
 * twenty connections, the order decides who waits.
 */
package dev.caas.blocking;
