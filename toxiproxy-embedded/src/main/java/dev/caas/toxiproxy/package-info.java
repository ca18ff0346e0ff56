/**
 * An embeddable server that speaks Toxiproxy's HTTP control API and proxies TCP with toxics.
 *
 * <h2>The model</h2>
 *
 * A {@link dev.caas.toxiproxy.ToxiproxyServer} owns a {@code ProxyRegistry} of named {@code Proxy}s
 * and serves the control API ({@code ControlApi}) over the JDK's built-in HTTP server. A proxy
 * listens on one address and, for every client it accepts, dials its upstream and ties the two
 * sockets together as a {@code Connection}.
 *
 * <p>A connection carries bytes in two directions, each a {@code Link}: <em>upstream</em> (client
 * to server) and <em>downstream</em> (server to client), as Toxiproxy names them. A link's reader
 * takes whatever the source socket delivers. While the direction has no toxic it writes the chunk
 * to the destination itself, from its own buffer: one read and one write per chunk, on one virtual
 * thread. Once a toxic is present, the reader stamps each chunk with its arrival time and queues it
 * for the link's writer, a second virtual thread started then, which passes chunks in order through
 * the proxy's current toxic chain for that direction and writes each resulting piece to the
 * destination socket no earlier than the time the chain assigned to it. The reader must not wait
 * for the writer: it has to keep reading, or chunks would be stamped late and a latency paid once
 * per chunk instead of once.
 *
 * <h2>Nothing to inject but latency: the pass-through loop</h2>
 *
 * A proxy that injects nothing must stay out of what a benchmark measures, and one that injects
 * only latency must add the latency and nothing more. Even one virtual thread per direction costs a
 * park and an unpark each time its read waits, twice per round trip, and a database request makes
 * several round trips; a latency toxic adds a writer thread that sleeps, and the JDK's timer thread
 * that wakes it, per chunk. On a busy machine each of those wake-ups comes late, and the lateness
 * lands on the step being measured. So a connection accepted while its proxy has no toxic but
 * latency is not given links: the {@code PassThroughLoop}, one platform thread around one selector
 * for every such connection of the JVM, reads each ready socket and writes the chunk on at once,
 * or, with a latency toxic, holds it until it is due by the loop's own timer, through the same
 * {@code Stage}s the links run. The first other toxic added to the proxy hands each of its
 * connections over to a pair of links (deregistered, made blocking, bytes read but not yet written
 * passed along, the delayed ones still due when the latency says), and the control API answers only
 * after that, so every byte sent afterwards meets the toxic, as in Toxiproxy. The switch is
 * one-way: once the toxics are gone those links write straight through again, and only connections
 * accepted from then on are carried by the loop.
 *
 * <h2>Toxics are timestamp transforms</h2>
 *
 * A toxic does not sleep. It rewrites a {@code Segment} (a chunk of data, the end of the stream, or
 * an abort of the connection): latency moves a chunk's due time later, bandwidth spreads a chunk
 * over time, the slicer cuts it into pieces, limit_data truncates it and aborts, timeout drops it.
 * Only the writer waits, once per piece, until the piece's due time. Because a chunk is due at
 * <em>its arrival</em> plus the latency, a large response pays the latency once rather than once
 * per chunk, and stacked latency toxics add up. Order is always kept.
 *
 * <p>Each link keeps one running {@code Stage} per toxic: the per-connection state (bytes sent,
 * timers, and whether the toxic applies at all, drawn once from its toxicity). The writer compares
 * the proxy's chain with the one it last saw before every chunk, so adding, updating or removing a
 * toxic applies to connections that are already open, as Toxiproxy does.
 *
 * <p>Everything binds to loopback unless asked otherwise.
 */
package dev.caas.toxiproxy;
