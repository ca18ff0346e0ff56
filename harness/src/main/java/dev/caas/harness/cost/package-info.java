/**
 * What a run costs, process by process, and what one waiting request costs in each concurrency
 * model: predicted from first principles, and measured.
 *
 * <h2>Why time is not the question</h2>
 *
 * Every variant waits the injected latency; by construction their times agree with the theory, and
 * with one another. Async does not make one request faster. What differs is what <em>many waiting
 * requests</em> cost: CPU per request, memory and threads per request in flight, and so where each
 * model breaks. This package measures that, for the lead's bench to print beside the times.
 *
 * <h2>The window</h2>
 *
 * {@link dev.caas.harness.cost.CostMeter} takes the rig's processes by role ({@link
 * dev.caas.harness.cost.MeteredProcess}: the variant, the generator, the proxy, the upstream, and
 * PostgreSQL as a tree, the postmaster and its backends summed). {@code start()} after the warm-up,
 * {@code stop()} before the drain; what happened in between is the {@link
 * dev.caas.harness.cost.CostWindow}: per process a {@link dev.caas.harness.cost.ProcessCost} (CPU
 * time in the window, RSS, threads, open files at both ends), and for the variant a {@link
 * dev.caas.harness.cost.JvmCost}. {@code toJsonFields(requests)} gives each as named fields in a
 * stable order, per request where a request count makes sense. {@code snapshot()}, without a
 * window, is the budget check before a point starts: open files against the soft limit, per process
 * ({@link dev.caas.harness.cost.ProcessSnapshot#openFilesHeadroom()}).
 *
 * <h2>CPU per process: the kernel's account</h2>
 *
 * OSHI reads each process's user and system time as the kernel keeps it, in 10 ms ticks: exact
 * enough over a window of seconds. The CPU per request of every process, summed, is what one
 * request costs the machine; the variant's share of it is what the model costs, the rest is the rig
 * (generator, proxy, upstream) and the database. A rig that costs as much as the variant measures
 * itself.
 *
 * <h2>Inside the variant's JVM, from outside</h2>
 *
 * {@link dev.caas.harness.cost.JvmMeter} attaches with the JDK's Attach API, has the target start
 * its local JMX agent ({@code startLocalManagementAgent()}, a diagnostic command, not an agent: no
 * {@code -XX:+EnableDynamicAgentLoading}) and reads the target's own MXBeans:
 *
 * <ul>
 *   <li><b>Heap after GC</b>: every sample first asks for a {@code System.gc()} through the
 *       MemoryMXBean, so the heap it reads is what is live, not garbage. That is a full pause of
 *       the variant; samples are taken where a pause does not matter.
 *   <li><b>GC pauses</b>: count, total and longest, from the collectors' notifications, one per
 *       collection with its duration. The window takes the collections numbered between the
 *       collectors' counts at its two ends (a notification's start time is no good for that: it
 *       counts from when the JVM's management started, not from the JVM's start as uptime does),
 *       and leaves out those caused by {@code System.gc()}, the meter's own.
 *   <li><b>Bytes allocated</b> by all threads in the window ({@code getTotalThreadAllocatedBytes},
 *       JDK 21+; virtual threads allocate in their carriers' buffers and count there).
 *   <li><b>JIT time</b> in the window: a warm-up that did not warm up shows as seconds of
 *       compilation inside the measured window.
 *   <li><b>Threads</b>: live and peak platform threads; and virtual threads, counted from a JSON
 *       thread dump ({@link dev.caas.harness.cost.ThreadCensus} says why nothing cheaper sees a
 *       parked virtual thread), which also gives the depth at which each waits.
 *   <li><b>Native memory</b>, from Native Memory Tracking's summary ({@link
 *       dev.caas.harness.cost.NativeMemory}), including the committed stacks of the platform
 *       threads.
 * </ul>
 *
 * <p>The variant must run with {@code -Xms} = {@code -Xmx} (the same for all variants), {@code
 * -XX:+AlwaysPreTouch} and {@code -XX:NativeMemoryTracking=summary}, and without {@code
 * -XX:+DisableExplicitGC}; {@link dev.caas.harness.cost.JvmFlags} explains each and reads them back
 * from the running JVM, with a warning per missing one.
 *
 * <h2>What a waiting request costs</h2>
 *
 * {@link dev.caas.harness.cost.WaitingRequestCost} lists, per model, what one request holds while
 * it waits on the upstream, each part with its basis ({@link dev.caas.harness.cost.CostPart}):
 *
 * <ul>
 *   <li><b>Sync</b> holds a platform thread. Its stack is reserved at {@code -Xss} (1 MiB) but
 *       committed a page at a time as touched: the frames down to the blocking call, plus the
 *       shadow zone HotSpot touches below them on every method entry (20 pages). About 92 KiB of
 *       native memory at 70 frames, whatever the frames: the shadow zone dominates. Measured here
 *       with NMT: a platform thread parked 5 frames deep commits 104 KiB of stack (predicted 88
 *       KiB; the difference is the guard zones at the stack's far end) and 3.8 KiB of HotSpot's own
 *       structures.
 *   <li><b>Loom</b> holds a virtual thread. When it parks, its frames are copied into a stack chunk
 *       object <em>on the heap</em>, as large as the frames are: a few KiB, plus about 350 bytes of
 *       thread and continuation. The frames' size depends on the JIT: measured here, 1,000 virtual
 *       threads parked 46 frames deep took 6.4 KB each while that code ran interpreted, 2.6–3.2 KB
 *       once compiled. A sweep measures after the warm-up, for that reason too.
 *   <li><b>Reactive</b> holds no thread and no stack: the chain of subscribers its operators
 *       became, the exchange, and two Netty channels (the inbound connection and the pooled
 *       upstream one), with no buffer while nothing is read.
 * </ul>
 *
 * <p>Sync and loom share the same server (Jetty) and client ({@code java.net.http}) and so the same
 * per-request I/O state; {@link dev.caas.harness.cost.WaitingRequestCost#predictModelOnly} leaves
 * it out, to compare threads alone.
 *
 * <h2>Predicted against measured</h2>
 *
 * Over a sweep, each point's {@link dev.caas.harness.cost.JvmSample} (at the plateau, all clients
 * waiting) becomes an {@link dev.caas.harness.cost.InFlightSample}; {@link
 * dev.caas.harness.cost.MeasuredWaitingCost} fits two least-squares lines ({@link
 * dev.caas.harness.cost.SlopeFit}) against the requests in flight: heap after GC, whose slope is
 * the heap bytes one more waiting request costs, and RSS, whose slope is its native bytes (the
 * heap, pinned and pre-touched, is resident from the start and does not grow RSS). R² says whether
 * the memory does grow in a line; below 0.9 the slope is noise, and is not compared. {@link
 * dev.caas.harness.cost.CostComparison} sets each slope beside its prediction and, where one is
 * more than twice the other, says what the likely reasons are for that model and direction, and
 * which predicted part to question first.
 *
 * <h2>What it cannot see</h2>
 *
 * <ul>
 *   <li>A process of a tree that exits inside the window takes its CPU time with it ({@link
 *       dev.caas.harness.cost.ProcessCost#exitedInWindow()} counts them). PostgreSQL's backends
 *       live as long as their pooled connections, so this is rare.
 *   <li>RSS summed over a tree counts shared pages (PostgreSQL's shared buffers) once per process;
 *       the private RSS beside it does not.
 *   <li>The attach and the JMX connection add a few RMI threads to the variant; a thread dump of
 *       9,000 threads is a few megabytes the variant writes. Both are per sample, not per request.
 *   <li>Attaching needs the same user (or root), a shared {@code /tmp}, and no {@code
 *       -XX:+DisableAttachMechanism}; {@link dev.caas.harness.cost.JvmMeter#attach} says which when
 *       it fails, and the bench can go on with the OS figures alone.
 * </ul>
 */
package dev.caas.harness.cost;
