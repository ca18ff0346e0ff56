/**
 * A theory that holds under load: each variant as a closed queueing network, solved exactly by Mean
 * Value Analysis, predicting throughput, mean, median and p99 at every point of a sweep; and
 * Gunther's Universal Scalability Law, fitted to what the sweep measured.
 *
 * <h2>Why bounds are not enough</h2>
 *
 * The harness's first theory takes the smallest of a few ceilings, min(C / T, N / T, P / (2·L_d),
 * …). Those are asymptotes: exact with one client and with very many, and wrong in between, where a
 * request finds others ahead of it at the pool and waits. The knee of a real curve is a bend, not a
 * corner. Queueing theory says how much a request waits at each centre given how many others are
 * there, and Mean Value Analysis turns that into a curve.
 *
 * <h2>One request as a network</h2>
 *
 * A request of a variant ({@link dev.caas.harness.queueing.VariantNetwork}) visits these centres
 * ({@link dev.caas.harness.queueing.Station}):
 *
 * <table>
 *   <caption>The project's vocabulary as stations</caption>
 *   <tr><th>what</th><th>station</th><th>servers</th><th>visits × service</th></tr>
 *   <tr><td>the upstream round trip</td><td>delay, or queue if the HTTP client has a
 *       pool</td><td>H (upstream connections) or ∞</td><td>1 × L_u</td></tr>
 *   <tr><td>the CPU every process on the machine spends on it</td><td>queue</td><td>cores</td>
 *       <td>1 × measured demand</td></tr>
 *   <tr><td>or instead: all it does besides the latencies, probed</td><td>load-dependent</td>
 *       <td>X₀(j) with j there</td><td>1 × 1 / X₀(1)</td></tr>
 *   <tr><td>billing and name, sequential</td><td>queue</td><td>P (database pool)</td><td>2 ×
 *       L_d</td></tr>
 *   <tr><td>billing ∥ name, gathered</td><td>queue of pairs</td><td>min(P, E) / 2</td><td>1 ×
 *       L_d</td></tr>
 *   <tr><td>the server thread</td><td>population cap</td><td>N (server threads)</td><td>the
 *       whole response</td></tr>
 * </table>
 *
 * <p><b>A pool is a station whose service is the hold.</b> A request that runs a query holds a
 * connection for the round trip, L_d, though no CPU works meanwhile: for queueing purposes the
 * connection is a server busy for L_d. The database pool is a P-server station with service time
 * L_d visited twice. The upstream pool (reactive's WebClient reports one) likewise, with L_u.
 *
 * <p><b>The machine, probed.</b> One demand per request on {@code cores} servers says the machine
 * works the same at every load. Measured here it does not: the CPU one request costs falls as the
 * load rises (event loops, the proxy and PostgreSQL do more per wake-up), from 1.2–1.9 ms at 100
 * clients to 0.8–1.1 ms at saturation, and every hop between the rig's processes waits for a core.
 * So when the bench has probed the variant with no latency at 1, 2, 4, … clients ({@link
 * dev.caas.harness.queueing.ProbedMachine}), that curve X₀(n) is the machine: one flow-equivalent
 * station (Chandy, Herzog and Woo; Lazowska ch. 8) served at X₀(j) when j requests are in it,
 * beside the latencies' delays. With no latency the rig does nothing but the work a request needs
 * besides waiting, so X₀(n) is that work's rate with n requests at it, measured apart from the
 * points it predicts. It replaces the CPU centre; the CPU demand stays for runs not probed (a few
 * clients, {@code --predict-only}). Nothing measured at a point enters the point's model, not even
 * the cores its JIT compilers took (the CPU centre's correction): over five sweeps here (126
 * points) the probe brought 89 within ±10 %, the demand line fitted over the points with that
 * correction 91, without it 84. What it cannot know: the work a request needs only with latency
 * (its threads wake from idle, and 90 other requests sleep in the proxy meanwhile): with one client
 * the rest of a request takes 2.6–3.7 ms beside 100 ms of latency, 1.0–2.3 ms (1 / X₀(1)) without.
 *
 * <p><b>The server thread is held for everything.</b> A thread-per-request server (sync) keeps a
 * thread from the first byte to the last, including the time the request waits for a connection. So
 * the threads are not a station on the path but a cap on how many requests are inside: N of the C
 * clients are inside, the other C − N wait at the door. That is solved hierarchically, as a
 * flow-equivalent server (Chandy, Herzog and Woo; Lazowska ch. 8): the network inside is solved for
 * 1 … N requests, giving X(n); outside, with no think time, all C are always in the system, so X =
 * X(min(C, N)) and by Little's law R = C / X. A request at the door waits for C − N departures at
 * X(N). Virtual threads and event loops report no thread limit: no cap.
 *
 * <p><b>The gathered steps fork and join.</b> After the upstream a gathered request starts billing
 * and name together and continues when both are done. Two equal fixed latencies joined cost
 * max(L_d, L_d) = L_d, not 2·L_d, and both hold a connection at once. Fork/join is not
 * product-form; it is approximated as <i>simultaneous possession</i>: the request takes a pair of
 * connections for L_d, so the station serves min(P, E) / 2 pairs (fractional when odd). On a gather
 * executor, each step keeps its executor thread while it waits for and uses a connection, so at
 * most min(P, E) steps run: one station of that size. The open-loop formulas instead treat the
 * branches as separate customers and join them with the expected larger of two waits, w·(2 − π / 2)
 * for waits that are zero with probability 1 − π and exponential otherwise (1.5 × the mean when π =
 * 1, Nelson and Tantawi's value for two exponentials).
 *
 * <p><b>Left out.</b> Think time (the harness's clients send again at once); the bounded queue in
 * front of sync's threads (past it Jetty answers 503; the model queues without limit); jitter (a
 * gathered request's median grows by 0.41·J_d, which the harness's simple theory adds); and where
 * the CPU is spent: all of the measured demand, the load generator's share included, is placed
 * inside the server threads.
 *
 * <h2>Solving it: exact Mean Value Analysis</h2>
 *
 * {@link dev.caas.harness.queueing.MeanValueAnalysis} climbs one request at a time (Reiser and
 * Lavenberg): a request arriving in a network of n finds it as the network of n − 1 is, on average
 * (the arrival theorem), so its residence at each station follows from the previous population's
 * queue lengths, its throughput from n over the sum, and the new queue lengths from Little's law. A
 * station of c servers serves j requests at min(j, c) times the rate of one, so its residence needs
 * the probabilities of 0 … c − 1 requests there, kept by the same recursion (load-dependent MVA);
 * the probed machine, served α(j) = X₀(j) / X₀(1) times as fast with j there as with one, needs
 * them all: residence S · Σ j / α(j) · p(j − 1 | n − 1). The textbook way to get the probability of
 * an idle station is unstable; the ratio of normalising constants G_-k(n) / G(n) is not, and is
 * used (details in the class). Exact means: for exponential service at the queues, what a
 * simulation of that network measures, to its sampling error. Seidmann's approximation (c servers
 * as one c-times-faster server plus a delay) is not used.
 *
 * <h2>Open loops</h2>
 *
 * At λ arrivals a second, every centre is busy U = λ·D / c of the time (the utilisation law), and a
 * station of c servers is an M/M/c queue: the probability of waiting is Erlang's C formula and the
 * mean wait C(c, a)·S / (c − a) with a = λ·S. Server threads are an M/M/N station whose service
 * time is the whole inside response. At U ≥ 1 anywhere there is no steady state: {@link
 * dev.caas.harness.queueing.Prediction#overloaded()}, throughput the lowest ceiling, response
 * infinite.
 *
 * <h2>Median and p99</h2>
 *
 * MVA gives means. The percentiles are estimated from a decomposition: the response is its fixed
 * part (the latencies and CPU a request always pays, plus the small waits at their means) plus the
 * wait at the centre where the mean wait is largest, taken as a distribution. That wait is the time
 * for k − c + 1 departures from c busy servers when the arrival finds k there: Erlang(k − c + 1, c
 * / S), weighted by the probability of finding k (the arrival theorem again), and at the probed
 * machine Erlang(k, 1 / S) as at one server, S its alone time; an open M/M/c station gives Erlang
 * C's single exponential; the door of a thread cap gives Erlang(C − N, X(N)). With fixed latencies
 * departures are more regular than exponential ones, so p99 is an upper estimate: the simulation's
 * p99 is 8–26 % lower than the model's at saturation and up to 41 % lower at the knee (339 ms
 * predicted, 200 ms simulated for gathered, P = 10, C = 10). The median, with fixed latencies,
 * agrees within 3 % on every case of the tests.
 *
 * <h2>The asymptotes stay</h2>
 *
 * Each station's capacity over demand, c / D, and the clients' C / T, are {@link
 * dev.caas.harness.queueing.Asymptote}s in every prediction: with no CPU demand they are exactly
 * the harness's simple bounds. The curve starts on C / T at one client, never crosses any, and
 * flattens onto the lowest. Utilisation is reported against them (X over the ceiling), so the
 * bottleneck named is the centre whose ceiling is closest; the server threads count as busy for T
 * per request, not for the time they spend waiting on a full pool.
 *
 * <h2>How well it agrees</h2>
 *
 * A discrete-event simulation of the same variant (in the tests, built from the project's
 * vocabulary and not from the stations, so it checks the reductions too) agrees within 2 % on
 * throughput and mean response: on every case with exponential holds (where MVA is exact, and the
 * flow-equivalent thread cap the one approximation), and with fixed latencies on every case away
 * from the knee, both compositions. At the knee with fixed latencies the simulation is clockwork:
 * requests fall into step and reach min(C / T, capacity) exactly, while MVA, exact for variable
 * holds, is pessimistic. Documented misses (model throughput below the simulation's):
 *
 * <table>
 *   <caption>Fixed latencies at the knee</caption>
 *   <tr><th>case</th><th>C</th><th>X model / simulated</th><th>miss</th></tr>
 *   <tr><td>sequential, L = 100/100 ms, P = 10</td><td>15</td><td>46.9 / 48.2</td><td>2.8 %</td></tr>
 *   <tr><td>sequential, P = 10, N = 16, CPU 5 ms on 2 cores</td><td>20</td><td>47.8 / 50.0</td>
 *       <td>4.3 %</td></tr>
 *   <tr><td>sequential, P = 20, N = 32 (the defaults)</td><td>30</td><td>95.5 / 98.3</td>
 *       <td>2.8 %</td></tr>
 *   <tr><td>gathered, P = 10</td><td>10</td><td>45.0 / 50.0</td><td>9.9 %</td></tr>
 *   <tr><td>gathered, P = 5 (odd: two and a half pairs)</td><td>5</td><td>21.4 / 23.3</td>
 *       <td>8.4 %</td></tr>
 *   <tr><td>gathered, P = 20, N = 32, E = 64 (the defaults)</td><td>20</td><td>92.9 / 100.0</td>
 *       <td>7.2 %</td></tr>
 * </table>
 *
 * Real runs are not clockwork (jitter, the collector, the generator's own CPU), so at the knee the
 * measurement is expected between the two.
 *
 * <h2>Fitted, not only predicted</h2>
 *
 * {@link dev.caas.harness.queueing.UniversalScalabilityLaw} fits X(N) = λN / (1 + σ(N − 1) + κN(N −
 * 1)) to a sweep's measured throughput with confidence intervals: σ is contention (queueing for
 * something serial), κ coherency (throughput lost as load grows). The network says where the curve
 * should go; the fit says where it went.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * var sync = VariantNetwork.builder()
 *     .composition(Composition.SEQUENTIAL)
 *     .upstreamLatency(Duration.ofMillis(100)).dbLatency(Duration.ofMillis(100))
 *     .serverThreads(32).dbPool(20)                  // from /health
 *     .cpuDemand(Duration.ofMillis(3)).cores(2)      // measured at low load
 *     .build();
 * System.out.print(PredictionTable.render(sync.curve(List.of(1, 10, 50, 100, 1000))));
 * sync.prediction(80.0);                              // an open loop at 80 requests a second
 * }</pre>
 */
package dev.caas.harness.queueing;
