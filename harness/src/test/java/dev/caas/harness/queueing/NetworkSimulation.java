package dev.caas.harness.queueing;

import dev.caas.contract.Variant.Composition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of one variant, written from the project's vocabulary and not from
 * the model's stations, so that it checks the model's reductions too (the thread cap, the gather
 * executor in front of the pool, the fork and join).
 *
 * <p>C clients each send a request as soon as the last is answered. A request takes a server thread
 * (if bounded) and keeps it to the end; holds an upstream connection (if bounded) for L_u; uses one
 * core for its CPU demand (exponential or fixed); then runs the two database steps, one after the
 * other or forked, each holding a connection (and, gathered, a gather-executor thread while it
 * waits for the connection and uses it) for L_d. Every pool is first come, first served. Latencies
 * are fixed, as Toxiproxy's are without jitter, or exponential, as product-form theory assumes; the
 * CPU's time is drawn either way too.
 */
final class NetworkSimulation {

  /**
   * What the simulation measured after its warm-up.
   *
   * @param throughputPerSecond completions over the measured time
   * @param meanSeconds mean response time
   * @param medianSeconds median response time
   * @param p99Seconds 99th percentile
   */
  record Measured(
      double throughputPerSecond, double meanSeconds, double medianSeconds, double p99Seconds) {}

  /** How a hold's duration is drawn around its mean. */
  enum Draw {
    /** Exactly the mean, as an injected latency without jitter. */
    FIXED,
    /** Exponential with that mean: what product-form theory assumes. */
    EXPONENTIAL
  }

  private record Event(double time, long order, Runnable action) {}

  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          (a, b) ->
              a.time != b.time ? Double.compare(a.time, b.time) : Long.compare(a.order, b.order));
  private final SplittableRandom random;
  private final VariantNetwork network;
  private final Draw latencies;
  private final Draw cpu;
  private final Pool threads;
  private final Pool upstreamConnections;
  private final Pool cores;
  private final Pool executor;
  private final Pool connections;
  private double now;
  private long order;
  private final double[] responses;
  private int completed;
  private final int warmUp;
  private double measuredFrom;
  private double arrivalRate;

  private NetworkSimulation(VariantNetwork network, Run run) {
    this.network = network;
    this.latencies = run.latencies();
    this.cpu = run.cpu();
    this.random = new SplittableRandom(run.seed());
    this.threads = new Pool(network.serverThreads());
    this.upstreamConnections = new Pool(network.upstreamConnections());
    this.cores = new Pool(network.cores());
    this.executor = new Pool(network.gatherExecutor());
    this.connections = new Pool(network.dbPool());
    this.warmUp = run.warmUp();
    this.responses = new double[run.measured()];
  }

  /**
   * How a simulation runs.
   *
   * @param latencies how the injected latencies are drawn
   * @param cpu how the CPU's time per request is drawn
   * @param seed the random numbers' seed: the same seed, the same run
   * @param warmUp answers left out before measuring
   * @param measured answers measured
   */
  record Run(Draw latencies, Draw cpu, long seed, int warmUp, int measured) {}

  /** C clients, each sending again as soon as it is answered. */
  static Measured closedLoop(VariantNetwork network, int clients, Run run) {
    var simulation = new NetworkSimulation(network, run);
    for (int client = 0; client < clients; client++) {
      simulation.send();
    }
    return simulation.run();
  }

  /**
   * Requests arriving at {@code ratePerSecond}, exponentially spaced (Poisson), whatever the
   * answers.
   */
  static Measured openLoop(VariantNetwork network, double ratePerSecond, Run run) {
    var simulation = new NetworkSimulation(network, run);
    simulation.arrivalRate = ratePerSecond;
    simulation.arrive();
    return simulation.run();
  }

  private void arrive() {
    after(draw(Draw.EXPONENTIAL, 1 / arrivalRate), this::arrive);
    send();
  }

  private Measured run() {
    while (completed < warmUp + responses.length) {
      Event event = events.poll();
      now = event.time;
      event.action.run();
    }
    double[] sorted = responses.clone();
    Arrays.sort(sorted);
    return new Measured(
        responses.length / (now - measuredFrom),
        Arrays.stream(responses).average().orElseThrow(),
        sorted[sorted.length / 2],
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
  }

  private void after(double seconds, Runnable action) {
    events.add(new Event(now + seconds, order++, action));
  }

  private void send() {
    double sent = now;
    threads.acquire(() -> upstream(() -> cpu(() -> database(() -> answer(sent)))));
  }

  private void upstream(Runnable next) {
    hold(upstreamConnections, draw(latencies, seconds(network.upstreamLatency())), next);
  }

  private void cpu(Runnable next) {
    double mean = seconds(network.cpuDemand());
    hold(cores, draw(cpu, mean), next);
  }

  private void database(Runnable next) {
    double db = seconds(network.dbLatency());
    if (network.composition() == Composition.SEQUENTIAL) {
      hold(connections, draw(latencies, db), () -> hold(connections, draw(latencies, db), next));
      return;
    }
    int[] running = {2};
    Runnable join =
        () -> {
          if (--running[0] == 0) {
            next.run();
          }
        };
    for (int branch = 0; branch < 2; branch++) {
      executor.acquire(
          () ->
              hold(
                  connections,
                  draw(latencies, db),
                  () -> {
                    executor.release();
                    join.run();
                  }));
    }
  }

  /** Takes a member of the pool, keeps it for {@code seconds}, gives it back, goes on. */
  private void hold(Pool pool, double seconds, Runnable next) {
    if (seconds == 0) {
      next.run();
      return;
    }
    pool.acquire(
        () ->
            after(
                seconds,
                () -> {
                  pool.release();
                  next.run();
                }));
  }

  private void answer(double sent) {
    threads.release();
    if (completed == warmUp) {
      measuredFrom = now;
    }
    if (completed >= warmUp && completed < warmUp + responses.length) {
      responses[completed - warmUp] = now - sent;
    }
    completed++;
    if (arrivalRate == 0) {
      send();
    }
  }

  private double draw(Draw draw, double mean) {
    return draw == Draw.FIXED || mean == 0 ? mean : -mean * Math.log(1 - random.nextDouble());
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** A first-come-first-served pool; {@code null} size means nobody ever waits. */
  private static final class Pool {
    private int free;
    private final Queue<Runnable> waiting = new ArrayDeque<>();

    Pool(Integer size) {
      this.free = size == null ? Integer.MAX_VALUE : size;
    }

    void acquire(Runnable then) {
      if (free > 0) {
        free--;
        then.run();
      } else {
        waiting.add(then);
      }
    }

    void release() {
      Runnable next = waiting.poll();
      if (next != null) {
        next.run();
      } else {
        free++;
      }
    }
  }
}
