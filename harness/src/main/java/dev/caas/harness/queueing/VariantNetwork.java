package dev.caas.harness.queueing;

import dev.caas.contract.Variant.Composition;
import dev.caas.harness.queueing.MeanValueAnalysis.Centre;
import dev.caas.harness.queueing.MeanValueAnalysis.Solution;
import dev.caas.harness.queueing.Prediction.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One variant as a queueing network, in the project's vocabulary: the injected latencies, the
 * composition, the pools it reports on {@code /health} and the CPU one request costs.
 *
 * <pre>{@code
 * var sync = VariantNetwork.builder()
 *     .composition(Composition.SEQUENTIAL)
 *     .upstreamLatency(Duration.ofMillis(100))
 *     .dbLatency(Duration.ofMillis(100))
 *     .serverThreads(200)
 *     .dbPool(20)
 *     .cpuDemand(Duration.ofMillis(2))
 *     .cores(2)
 *     .build();
 * sync.curve(List.of(1, 10, 50, 100, 500));
 * }</pre>
 *
 * @param composition sequential (upstream, billing, name) or gathered (upstream, billing ∥ name)
 * @param upstreamLatency L_u, one round trip to the upstream
 * @param dbLatency L_d, one round trip to the database
 * @param serverThreads threads that each hold a request from start to answer; {@code null} for none
 *     (virtual threads, an event loop)
 * @param dbPool database connections; {@code null} for unbounded
 * @param upstreamConnections connections to the upstream; {@code null} for unbounded
 * @param gatherExecutor threads the gathered database steps run on; {@code null} for none
 * @param cpuDemand CPU time one request costs on this machine, every process counted
 * @param cores the machine's cores
 * @param machine the machine probed with no latency; when given, it is the one station for all the
 *     work besides the latencies ({@link ProbedMachine}) and {@code cpuDemand} is not used; {@code
 *     null} for the CPU centre of {@code cores} servers at {@code cpuDemand}
 */
public record VariantNetwork(
    Composition composition,
    Duration upstreamLatency,
    Duration dbLatency,
    Integer serverThreads,
    Integer dbPool,
    Integer upstreamConnections,
    Integer gatherExecutor,
    Duration cpuDemand,
    int cores,
    ProbedMachine machine) {

  static final String SERVER_THREADS = "server threads";
  static final String CLIENTS = "clients";
  static final String ARRIVAL_RATE = "arrival rate";
  static final String MACHINE = "machine";

  public VariantNetwork {
    Objects.requireNonNull(composition, "composition");
    Objects.requireNonNull(upstreamLatency, "upstreamLatency");
    Objects.requireNonNull(dbLatency, "dbLatency");
    Objects.requireNonNull(cpuDemand, "cpuDemand");
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1: " + cores);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The stations a request passes while it holds its server thread, in order. Sequential: the
   * upstream, the CPU, the database twice. Gathered: the two database steps forked and joined; each
   * holds a gather-executor thread while it waits for and then uses a connection, so the pair of
   * pools serves at most min(E, P) steps at once: one station of that size.
   */
  public List<Station> stations() {
    var stations = new ArrayList<Station>();
    double upstream = seconds(upstreamLatency);
    double db = seconds(dbLatency);
    double cpu = seconds(cpuDemand);
    if (upstream > 0) {
      stations.add(
          upstreamConnections == null
              ? Station.delay("upstream", 1, upstream)
              : Station.queue("upstream connections", upstreamConnections, 1, upstream));
    }
    if (machine != null) {
      stations.add(Station.machine(MACHINE, machine));
    } else if (cpu > 0) {
      stations.add(Station.queue("cpu", cores, 1, cpu));
    }
    if (db > 0) {
      stations.add(databaseSteps(db));
    }
    return stations;
  }

  private Station databaseSteps(double db) {
    if (composition == Composition.SEQUENTIAL) {
      return dbPool == null
          ? Station.delay("database", 2, db)
          : Station.queue("database pool", dbPool, 2, db);
    }
    int pool = dbPool == null ? Station.UNBOUNDED : dbPool;
    int executor = gatherExecutor == null ? Station.UNBOUNDED : gatherExecutor;
    String name =
        executor < pool
            ? "gather executor"
            : pool == Station.UNBOUNDED ? "database" : "database pool";
    return new Station(name, Math.min(pool, executor), 2, db, 1).forkedInto(2);
  }

  /** T: one request alone, nothing waiting for anything. */
  public double aloneSeconds() {
    return stations().stream().mapToDouble(Station::aloneSeconds).sum();
  }

  /** The prediction for C clients in a closed loop. */
  public Prediction prediction(int clients) {
    return curve(List.of(clients)).getFirst();
  }

  /** The predictions for a closed-loop sweep, one solution of the network for all of them. */
  public List<Prediction> curve(List<Integer> clients) {
    if (stations().isEmpty()) {
      return clients.stream().map(c -> nothingToWaitFor(new Prediction.Clients(c))).toList();
    }
    Set<Integer> inside = new TreeSet<>();
    for (int c : clients) {
      if (c < 1) {
        throw new IllegalArgumentException("clients must be at least 1: " + c);
      }
      inside.add(admitted(c));
    }
    int largest = inside.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<Solution> solutions = MeanValueAnalysis.solve(stations(), largest, inside::contains);
    return clients.stream().map(c -> closed(c, solutions.get(admitted(c) - 1))).toList();
  }

  /** Requests that hold a server thread when C clients each have one out. */
  private int admitted(int clients) {
    return serverThreads == null ? clients : Math.min(clients, serverThreads);
  }

  /**
   * The server threads as a flow-equivalent server: the network inside them is solved for every
   * population up to N, and the clients beyond N queue in front of it. With no think time all C are
   * always in the system, so the queue holds exactly C − N and the arrival waits for C − N
   * departures at X(N).
   */
  private Prediction closed(int clients, Solution inside) {
    double t = aloneSeconds();
    double x = inside.throughputPerSecond();
    var usages = usages(inside.centres(), x, t);
    var waits = new ArrayList<Wait>();
    for (Centre centre : inside.centres()) {
      waits.add(new Wait(centre.waitSeconds(), centre.waitingPerVisit()));
    }
    double response = inside.responseSeconds();
    if (serverThreads != null && clients > serverThreads) {
      double queued = clients / x - response;
      response = clients / x;
      usages.set(
          usages.size() - 1, new Usage(SERVER_THREADS, usages.getLast().utilisation(), queued));
      waits.add(
          new Wait(
              queued, new WaitingTime(new double[] {1}, new int[] {clients - serverThreads}, x)));
    }
    var asymptotes = asymptotes();
    asymptotes.add(new Asymptote(CLIENTS, clients / t, clients + " / " + millis(t)));
    return prediction(
        new Prediction.Clients(clients), x, response, usages, waits, asymptotes, false);
  }

  /** The prediction for an open loop at λ requests per second: the same demands, M/M/c queues. */
  public Prediction prediction(double ratePerSecond) {
    if (stations().isEmpty()) {
      return nothingToWaitFor(new Prediction.Rate(ratePerSecond));
    }
    double t = aloneSeconds();
    var asymptotes = asymptotes();
    asymptotes.add(
        new Asymptote(
            ARRIVAL_RATE, ratePerSecond, String.format(Locale.ROOT, "%.1f/s", ratePerSecond)));
    var centres = new ArrayList<Centre>();
    var waits = new ArrayList<Wait>();
    double response = 0;
    boolean overloaded = false;
    for (Station station : stations()) {
      double offered = ratePerSecond * station.demandSeconds();
      double perVisitWait = 0;
      WaitingTime waiting = WaitingTime.NONE;
      double cycle = station.aloneSeconds();
      if (station.isLoadDependent()) {
        // Steady only below what the machine keeps up with the most requests in it.
        overloaded |= ratePerSecond >= station.capacityPerSecond();
        if (!overloaded) {
          cycle = openMachineSeconds(station.machine(), ratePerSecond);
          waiting = WaitingTime.exponential(1, 1 / station.serviceSeconds());
        }
      } else if (!station.isDelay()) {
        overloaded |= offered >= station.servers();
        if (!overloaded) {
          var open = OpenStation.of(station.servers(), offered, station.serviceSeconds());
          perVisitWait = open.meanWait();
          waiting = open.waiting();
          cycle =
              station.visits()
                  / station.branches()
                  * (station.serviceSeconds()
                      + (station.branches() == 1
                          ? perVisitWait
                          : largerOfTwoWaits(perVisitWait, open.probability())));
        }
      }
      response += cycle;
      double wait = cycle - station.aloneSeconds();
      double utilisation = station.utilisation(ratePerSecond);
      centres.add(new Centre(station, cycle, wait, ratePerSecond * cycle, utilisation, waiting));
      waits.add(new Wait(wait, waiting));
    }
    var usages = usages(centres, ratePerSecond, t);
    if (serverThreads != null && !overloaded) {
      // A thread is held for the whole inside response: an M/M/N station with that service time.
      double offered = ratePerSecond * response;
      overloaded = offered >= serverThreads;
      if (!overloaded) {
        var open = OpenStation.of(serverThreads, offered, response);
        response += open.meanWait();
        usages.set(
            usages.size() - 1,
            new Usage(SERVER_THREADS, usages.getLast().utilisation(), open.meanWait()));
        waits.add(new Wait(open.meanWait(), open.waiting()));
      }
    }
    if (overloaded) {
      double ceiling =
          asymptotes.stream().mapToDouble(Asymptote::throughputPerSecond).min().orElseThrow();
      double inf = Double.POSITIVE_INFINITY;
      var full = usages(centres, ceiling, t);
      return new Prediction(
          new Prediction.Rate(ratePerSecond),
          ceiling,
          inf,
          inf,
          inf,
          busiest(full),
          full,
          asymptotes,
          true);
    }
    return prediction(
        new Prediction.Rate(ratePerSecond),
        ratePerSecond,
        response,
        usages,
        waits,
        asymptotes,
        false);
  }

  /**
   * No latency injected and no CPU measured: nothing takes time, so there is nothing to predict (a
   * no-latency warm-up run). Throughput unbounded, response zero.
   */
  private static Prediction nothingToWaitFor(Prediction.Load load) {
    return new Prediction(
        load,
        Double.POSITIVE_INFINITY,
        0,
        0,
        0,
        new Usage("none", 0, 0),
        List.of(),
        List.of(),
        false);
  }

  /** An open M/M/c station offered a Erlangs. */
  private record OpenStation(double probability, double meanWait, WaitingTime waiting) {
    static OpenStation of(int servers, double offered, double service) {
      double probability = ErlangC.probabilityOfWaiting(servers, offered);
      double drain = (servers - offered) / service;
      return new OpenStation(
          probability, probability / drain, WaitingTime.exponential(probability, drain));
    }
  }

  /**
   * The machine in an open network: a birth-death chain with arrivals at λ and departures at X₀(j)
   * from j requests, so p(j) = p(0) · Π_{i ≤ j} λ / X₀(i). Past the last population probed X₀ is
   * constant and the tail geometric, summed in closed form. The response is L / λ (Little's law).
   */
  private static double openMachineSeconds(ProbedMachine machine, double ratePerSecond) {
    int last = machine.ceilingClients();
    // Unnormalised p(j) up to the last probe, then the geometric tail at ρ = λ / X₀(last).
    double weight = 1;
    double total = 1;
    double requests = 0;
    for (int j = 1; j <= last; j++) {
      weight *= ratePerSecond / machine.throughputAt(j);
      total += weight;
      requests += j * weight;
    }
    double rho = ratePerSecond / machine.ceilingPerSecond();
    // Σ_{j > last} p(last)·ρ^(j − last) and Σ j·p(last)·ρ^(j − last).
    double tail = weight * rho / (1 - rho);
    double tailRequests = weight * rho * (last * (1 - rho) + 1) / ((1 - rho) * (1 - rho));
    return (requests + tailRequests) / (total + tail) / ratePerSecond;
  }

  /**
   * E[max(W1, W2)] for two independent waits that are zero with probability 1 − π and otherwise
   * exponential with mean w / π: 2·E[W] − E[min] = w · (2 − π / 2). With π = 1 it is Nelson and
   * Tantawi's 1.5 × the mean for the larger of two exponentials; with π → 0 the two branches rarely
   * both wait and the join costs the sum of the (rare) waits.
   */
  private static double largerOfTwoWaits(double meanWait, double waitingProbability) {
    return meanWait * (2 - waitingProbability / 2);
  }

  /** One centre's mean wait per request and the shape of one visit's wait. */
  private record Wait(double meanSeconds, WaitingTime perVisit) {}

  /**
   * Median and p99: the response is its fixed part (R minus the largest centre's mean wait) plus
   * that centre's wait, its distribution stretched to the per-request mean. The smaller waits enter
   * by their means only.
   */
  private static Prediction prediction(
      Prediction.Load load,
      double x,
      double response,
      List<Usage> usages,
      List<Wait> waits,
      List<Asymptote> asymptotes,
      boolean overloaded) {
    Wait largest =
        waits.stream()
            .max(Comparator.comparingDouble(Wait::meanSeconds))
            .orElse(new Wait(0, WaitingTime.NONE));
    WaitingTime shape = largest.perVisit().withMean(largest.meanSeconds());
    double fixed = response - shape.meanSeconds();
    return new Prediction(
        load,
        x,
        response,
        fixed + shape.quantileSeconds(0.5),
        fixed + shape.quantileSeconds(0.99),
        busiest(usages),
        usages,
        asymptotes,
        overloaded);
  }

  /**
   * Every centre's utilisation as X over its asymptote; the server threads last when there are any.
   */
  private List<Usage> usages(List<Centre> centres, double x, double t) {
    var usages = new ArrayList<Usage>();
    for (Centre centre : centres) {
      Station station = centre.station();
      if (!station.isDelay()) {
        usages.add(
            new Usage(station.name(), x / station.capacityPerSecond(), centre.waitSeconds()));
      }
    }
    if (serverThreads != null) {
      usages.add(new Usage(SERVER_THREADS, x * t / serverThreads, 0));
    }
    return usages;
  }

  private static Usage busiest(List<Usage> usages) {
    return usages.stream()
        .max(Comparator.comparingDouble(Usage::utilisation))
        .orElse(new Usage("none", 0, 0));
  }

  /** Capacity over demand for every centre that has a capacity. */
  List<Asymptote> asymptotes() {
    var asymptotes = new ArrayList<Asymptote>();
    for (Station station : stations()) {
      if (!station.isDelay()) {
        asymptotes.add(
            new Asymptote(
                station.name(),
                station.capacityPerSecond(),
                station.isLoadDependent()
                    ? demandFormula(station)
                    : station.servers() + " / " + demandFormula(station)));
      }
    }
    double t = aloneSeconds();
    if (serverThreads != null && t > 0) {
      asymptotes.add(
          new Asymptote(SERVER_THREADS, serverThreads / t, serverThreads + " / " + millis(t)));
    }
    return asymptotes;
  }

  private static String demandFormula(Station station) {
    if (station.isLoadDependent()) {
      return "the probe's best, " + station.machine().ceilingClients() + " clients";
    }
    return station.visits() == 1
        ? millis(station.serviceSeconds())
        : String.format(
            Locale.ROOT, "(%.0f × %s)", station.visits(), millis(station.serviceSeconds()));
  }

  private static String millis(double seconds) {
    return String.format(Locale.ROOT, "%.4g ms", seconds * 1000);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** Builds a {@link VariantNetwork}; unset pools are unbounded, the CPU free, one core. */
  public static final class Builder {
    private Composition composition = Composition.SEQUENTIAL;
    private Duration upstreamLatency = Duration.ZERO;
    private Duration dbLatency = Duration.ZERO;
    private Integer serverThreads;
    private Integer dbPool;
    private Integer upstreamConnections;
    private Integer gatherExecutor;
    private Duration cpuDemand = Duration.ZERO;
    private int cores = 1;
    private ProbedMachine machine;

    private Builder() {}

    public Builder composition(Composition composition) {
      this.composition = composition;
      return this;
    }

    public Builder upstreamLatency(Duration latency) {
      this.upstreamLatency = latency;
      return this;
    }

    public Builder dbLatency(Duration latency) {
      this.dbLatency = latency;
      return this;
    }

    public Builder serverThreads(Integer threads) {
      this.serverThreads = threads;
      return this;
    }

    public Builder dbPool(Integer connections) {
      this.dbPool = connections;
      return this;
    }

    public Builder upstreamConnections(Integer connections) {
      this.upstreamConnections = connections;
      return this;
    }

    public Builder gatherExecutor(Integer threads) {
      this.gatherExecutor = threads;
      return this;
    }

    public Builder cpuDemand(Duration perRequest) {
      this.cpuDemand = perRequest;
      return this;
    }

    public Builder cores(int cores) {
      this.cores = cores;
      return this;
    }

    /** The machine probed with no latency, instead of the CPU demand on the cores. */
    public Builder machine(ProbedMachine probed) {
      this.machine = probed;
      return this;
    }

    public VariantNetwork build() {
      return new VariantNetwork(
          composition,
          upstreamLatency,
          dbLatency,
          serverThreads,
          dbPool,
          upstreamConnections,
          gatherExecutor,
          cpuDemand,
          cores,
          machine);
    }
  }
}
