/**
 * The canine upstream: the third-party photo service that every variant of the dog service calls in
 * step 1.
 *
 * <h2>What it is for</h2>
 *
 * A variant answers a request by fetching a dog photo from "somewhere else", recording a billing
 * event and looking up the dog's name. This module is that somewhere else. It answers {@code GET
 * /dog} with a JPEG and the header {@code X-Filename}, which the variant then uses as the key for
 * its two database steps. It runs in the test JVM ({@link dev.caas.upstream.DogUpstream#start}) or
 * as its own process ({@link dev.caas.upstream.DogUpstreamMain}); either way the latency the
 * experiments study is injected in front of it by a proxy, never inside it, so the upstream itself
 * should answer as fast as it can.
 *
 * <h2>Why the photos are generated</h2>
 *
 * The photos are drawn with Java2D when the upstream starts, one per {@link
 * dev.caas.contract.SeedDogs} entry (the same list the database is seeded from, so a served
 * filename always has a name). Nothing is downloaded and no binary files live in the repository,
 * yet each photo is a real JPEG of 30–100 KB: fur and film grain give the encoder something to
 * keep, so copying a photo through a variant costs what copying a small real photo costs. The
 * captions use a built-in pixel font rather than the machine's fonts, which headless servers often
 * lack and which would differ from machine to machine.
 *
 * <h2>Why everything is deterministic</h2>
 *
 * A benchmark run should be repeatable, and a test should be able to say exactly which bytes it
 * expects. The drawing's randomness is seeded by each filename, so the same dogs give the same
 * bytes on every start ({@link dev.caas.upstream.DogUpstream#photo} hands tests those bytes to
 * compare). Which photo the n-th {@code GET /dog} receives is a function of the seed given at
 * start-up and n alone, so two runs with the same seed serve the same sequence.
 *
 * <h2>Faults</h2>
 *
 * A real upstream misbehaves. {@link dev.caas.upstream.UpstreamFault} lists the ways this one can:
 * no filename, a filename carrying a quote, a folded CR LF, a path or SQL, a filename nobody knows,
 * HTML instead of a JPEG, a body far too large, a body that trickles. The fault is switched from
 * Java ({@link dev.caas.upstream.DogUpstream#setFault}) or over HTTP ({@code PUT
 * /admin/fault/{name}}), and the reliability tests check that each variant turns every one of them
 * into a clean error and no bill.
 *
 * <h2>How it serves</h2>
 *
 * A small HTTP/1.1 server of its own ({@link dev.caas.upstream.http.KeepAliveServer}): one virtual
 * thread per kept-alive connection reads a request, answers it and reads the next. A true photo's
 * whole answer (status line, headers, JPEG) is built once at start, so serving it is one write;
 * {@code TCP_NODELAY} is on. The JDK's {@code com.sun.net.httpserver} served here before; its
 * dispatcher hands every request from a selector thread to a worker and back, which cost about as
 * much CPU per request as the proxy in front of it and added scheduling delay to the upstream step
 * of every measurement. A request that waits (a slow drip, a slow client) still holds only a
 * virtual thread, so thousands of concurrent connections cost little.
 */
package dev.caas.upstream;
