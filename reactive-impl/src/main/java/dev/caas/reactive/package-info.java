/**
 * Event loops: the talk's attempts 2 and 3, in Java, on Spring WebFlux, Reactor Netty, WebClient
 * and R2DBC.
 *
 * <h2>What runs on the event loop</h2>
 *
 * Reactor Netty runs a handful of event-loop threads, one per core and at least four. Each owns
 * many sockets and does one thing over and over: wait in {@code epoll} until some socket is ready,
 * then run the code that was waiting for that socket, briefly, and go back to waiting. {@link
 * dev.caas.reactive.DogHandler} is such code. Calling {@code sequential} or {@code gathered} does
 * no I/O at all: it returns a {@code Mono}, a plan of the three steps that the server subscribes
 * to. Subscribing sends the upstream request and returns. When the upstream's answer arrives, an
 * event loop runs the next part of the plan: it sends the INSERT and returns; when PostgreSQL
 * answers, the SELECT; and so on. Between those moments the request is a few objects on the heap
 * (the pipeline, a {@link dev.caas.contract.RequestTimeline}, a pooled connection it holds), and no
 * thread at all: a thread is never parked on its behalf, so a request that waits 45 s costs no more
 * than one that waits 45 ms. Ten thousand requests in flight need ten thousand sockets and
 * pipelines, not ten thousand threads; the limits left are the connection pools.
 *
 * <h2>What waits</h2>
 *
 * Only sockets and queues: requests waiting for a free connection of the R2DBC pool ({@link
 * dev.caas.reactive.Database}) or of WebClient's connection pool ({@link
 * dev.caas.reactive.CanineUpstream}), and responses on their way through the network. The price is
 * that no code on an event loop may block: a {@code Thread.sleep}, a JDBC call or a {@code block()}
 * there would stall every request that loop serves. The tests run under BlockHound, which throws at
 * any blocking call on a non-blocking thread and fails the run.
 *
 * <h2>Sequential and gathered</h2>
 *
 * Being asynchronous does not make one request faster. {@code sequential} chains the steps with
 * {@code flatMap} and {@code then}, so the INSERT is sent only after the upstream answered and the
 * SELECT only after the INSERT answered: 3 round trips, as in the thread-per-request variant.
 * {@code gathered} subscribes to billing and name at once with {@code Mono.zip}: both queries are
 * on the wire together, on two connections, and the request takes 2 round trips. When one of the
 * two fails, {@code zip} cancels the other, and no thread has to be interrupted, unlike a {@code
 * CompletableFuture}, whose running task cannot be stopped.
 *
 * <h2>The deadline, and what cancelling means</h2>
 *
 * Each request gets one deadline when it arrives ({@link dev.caas.contract.DogRequest}), and each
 * part bounds its step by what is left of it: a wait for a pooled connection, a connect, an answer,
 * a body. When it passes, the step fails with a 504 naming it, and the step is cancelled.
 * Cancelling a {@code Mono} only stops waiting for it, so each part says what it stops: the
 * WebClient exchange closes its connection; a database statement that already runs in PostgreSQL is
 * stopped by a cancel request, and its connection goes back to the pool only once the statement is
 * over ({@link dev.caas.reactive.R2dbc}), never with a query still running on it.
 *
 * <h2>Bill exactly once</h2>
 *
 * A statement already executed is not recalled: an INSERT that PostgreSQL received commits. So a
 * request that fails after its billing may have committed has its event deleted again, by request
 * id, and the handler says so where it composes the steps: {@code doOnError(…
 * compensations.undo(request.id()))}. The delete runs in the background ({@link
 * dev.caas.reactive.Compensations}): the error is answered at once, within the deadline, and the
 * delete is retried until the database takes it.
 *
 * <h2>Bounds</h2>
 *
 * Nothing here refuses a request for being one too many: requests beyond the pools wait for a
 * connection, and only their deadline ends the wait. The limits are 1,000 upstream connections
 * (100,000 may wait for one), the database pool's size (any number may wait), and the deadline.
 * With the default 60 s deadline, 2,000 requests at once at 200 ms of latency on both proxies are
 * all served (the database pool, 20 connections busy 400 ms per request, lets 50 through a second,
 * so the last waits about 40 s).
 */
package dev.caas.reactive;
