/**
 * What each concurrency model costs per request when nothing waits for I/O.
 *
 * <p>The load tests measure the six variants with latency injected on every dependency: there, a
 * request spends nearly all its time waiting, and what matters is what a waiting request holds (a
 * platform thread, a parked virtual thread, or nothing but a callback). These benchmarks measure
 * the other part, the part that is left when the waiting is taken away: what it costs to compose
 * the three steps, to get a thread to run them on, and to record the result. They answer "is the
 * machinery itself ever the bottleneck?", and the answer they give is: microseconds, against the
 * milliseconds of the waits.
 *
 * <h2>The benchmarks</h2>
 *
 * <p>Each class is one idea, says in its header what it teaches and what to expect, and runs alone
 * through its {@code main}. Method names carry the verdict: {@code baseline} is the work with no
 * machinery around it, each {@code measure…} one way of doing it.
 *
 * <ol>
 *   <li>{@link dev.caas.jmh.Bench01_SequentialVsGatheredFutures}: the sync variant's two shapes,
 *       steps 2 and 3 handed to a platform pool with {@code CompletableFuture}.
 *   <li>{@link dev.caas.jmh.Bench02_MonoZip}: the reactive variant's two shapes, {@code then} vs
 *       {@code Mono.zip}.
 *   <li>{@link dev.caas.jmh.Bench03_VirtualThreadForkJoin}: the loom variant's two shapes, steps 2
 *       and 3 forked on virtual threads and joined.
 *   <li>{@link dev.caas.jmh.Bench04_VirtualThreadVsPooledPlatformThread}: a new virtual thread per
 *       request vs a platform thread borrowed from a pool vs a new platform thread.
 *   <li>{@link dev.caas.jmh.Bench05_RecordingPath}: the load generator's side: remembering one
 *       latency in an HdrHistogram from two threads at once.
 * </ol>
 *
 * <h2>Steps without the waiting</h2>
 *
 * <p>Benchmarks 01 to 03 share {@link dev.caas.jmh.ThreeSteps}: upstream, billing and name, each a
 * fixed amount of CPU work with the result the real step returns. The handlers are modelled here,
 * not imported: nothing depends on an implementation module, so each benchmark spells out its
 * variant's composition in the same numbered steps as the real handler, including the {@code
 * RequestTimeline} it keeps for Server-Timing. Two sizes of step are measured: nearly nothing, so
 * the score is the composition's overhead, and tens of microseconds, so that a second core could
 * make gathering pay.
 *
 * <h2>Reading the scores</h2>
 *
 * <p>Scores are average nanoseconds per operation (per request, per thread start, per recorded
 * sample); lower is better. Read each {@code measure…} against the {@code baseline} of the same
 * class and parameter: the difference is what the machinery costs. The "±" is JMH's 99.9 %
 * confidence interval over the measurement iterations; when two intervals overlap, the run does not
 * tell the two apart. Figures from a laptop or a shared CI machine move by tens of percent between
 * runs; the orders of magnitude (nanoseconds for a pipeline, microseconds for a thread hand-off,
 * tens of microseconds for a new platform thread) are what carries over.
 */
package dev.caas.jmh;
