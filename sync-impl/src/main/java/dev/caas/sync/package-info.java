/**
 * Thread per request on a bounded pool of platform threads: the talk's attempt 1, in Java.
 *
 * <p>Jetty (under Javalin) hands each request to one thread of a fixed pool of {@code
 * --server-threads} platform threads. That thread runs the whole {@link dev.caas.sync.DogHandler}:
 * it blocks in {@code HttpClient.send} for the upstream and in JDBC for the two queries. While it
 * waits it does nothing else, and it costs what an OS thread costs: about a megabyte of stack
 * reserved, a kernel scheduling entity, a context switch to wake. So the pool is small, and with
 * latency L the pool can serve at most {@code threads / T} requests per second, where T is the time
 * a request holds its thread (3L sequential).
 *
 * <p><b>Gathered</b> runs billing and name on a second platform pool with {@code
 * CompletableFuture}, while the request's thread waits for both: 2L instead of 3L, paid for with a
 * second thread per request during the gathered steps. {@code CompletableFuture.cancel} does not
 * interrupt a running task, so when one branch fails the request waits for the other to finish
 * (bounded by the deadline) and only then deletes the billing event (compensation): a DELETE sent
 * while the INSERT still runs could find nothing and leave the request billed.
 */
package dev.caas.sync;
