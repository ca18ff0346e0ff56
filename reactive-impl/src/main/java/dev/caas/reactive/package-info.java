/**
 * Event loops: the talk's attempts 2 and 3, in Java, on Spring WebFlux, Reactor Netty, WebClient and R2DBC.
 *
 * <h2>What runs on the event loop</h2>
 * Reactor Netty runs a handful of event-loop threads, one per core and at least four. Each owns many sockets
 * and does one thing over and over: wait in {@code epoll} until some socket is ready, then run the code that
 * was waiting for that socket, briefly, and go back to waiting. {@link dev.caas.reactive.DogHandler} is such
 * code. Calling {@code sequential} or {@code gathered} does no I/O at all: it returns a {@code Mono}, a plan
 * of the three steps that the server subscribes to. Subscribing sends the upstream request and returns. When
 * the upstream's answer arrives, an event loop runs the next part of the plan: it sends the INSERT and
 * returns; when PostgreSQL answers, the SELECT; and so on. Between those moments the request is a few
 * objects on the heap (the pipeline, a {@link dev.caas.contract.RequestTimeline}, a pooled connection it
 * holds), and no thread at all: a thread is never parked on its behalf, so a request that waits 45 s costs no
 * more than one that waits 45 ms. Ten thousand requests in flight need ten thousand sockets and pipelines,
 * not ten thousand threads; the limits left are the connection pools.
 *
 * <h2>What waits</h2>
 * Only sockets and queues: requests waiting for a free connection of the R2DBC pool
 * ({@link dev.caas.reactive.Database}) or of WebClient's connection pool
 * ({@link dev.caas.reactive.CanineUpstream}), and responses on their way through the network. The price is
 * that no code on an event loop may block: a {@code Thread.sleep}, a JDBC call or a {@code block()} there
 * would stall every request that loop serves. The tests run under BlockHound, which throws at any blocking
 * call on a non-blocking thread and fails the run.
 *
 * <h2>Sequential and gathered</h2>
 * Being asynchronous does not make one request faster. {@code sequential} chains the steps with
 * {@code flatMap} and {@code then}, so the INSERT is sent only after the upstream answered and the SELECT
 * only after the INSERT answered: 3 round trips, as in the thread-per-request variant. {@code gathered}
 * subscribes to billing and name at once with {@code Mono.zip}: both queries are on the wire together, on
 * two connections, and the request takes 2 round trips. When one of the two fails, {@code zip} cancels the
 * other: its pipeline stops and its connection goes back to the pool, and no thread has to be interrupted,
 * unlike a {@code CompletableFuture}, whose running task cannot be stopped. A statement already sent is not
 * recalled (PostgreSQL commits an INSERT it received), so the failed request's billing is then deleted by
 * request id (compensation) before the error is answered.
 */
package dev.caas.reactive;
