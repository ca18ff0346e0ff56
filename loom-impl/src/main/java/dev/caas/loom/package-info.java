/**
 * A virtual thread per request: the same blocking code as {@code sync-impl}, on threads that cost
 * almost nothing while they wait.
 *
 * <p>Jetty keeps its selectors on a few platform threads and hands each request to a new virtual
 * thread. That thread runs {@link dev.caas.loom.DogHandler} exactly as a platform thread would: it
 * blocks in {@code HttpClient.send} and in JDBC. But a blocked virtual thread <em>unmounts</em>:
 * its stack (a few hundred bytes to kilobytes, on the heap) is put aside and its carrier, one of a
 * handful of platform threads, goes on to run other virtual threads. So there is no thread pool to
 * exhaust; what is left to run out of is whatever the code waits <em>for</em>: here, the database
 * pool's connections.
 *
 * <p><b>Gathered</b> forks billing and name as two subtasks, each on its own virtual thread, and
 * joins them ({@link dev.caas.loom.Subtasks}). When one fails, the other is interrupted: for a
 * virtual thread blocked in a socket read, the JDK closes the socket, so the database statement
 * stops too (the connection is then replaced by the pool). {@code StructuredTaskScope} expresses
 * the same shape, but it is still a preview API whose shape changed between JDK 21 and 25, so this
 * module does not depend on it.
 */
package dev.caas.loom;
