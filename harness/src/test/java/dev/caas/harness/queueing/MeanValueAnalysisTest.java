package dev.caas.harness.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class MeanValueAnalysisTest {

  /**
   * The machine-repairman model: N requests alternate between a delay Z and c servers of mean
   * service S. Its exact solution is a birth-death chain (up at (N − k) / Z, down at min(k, c) /
   * S), solved here in logarithms, independently of MVA.
   */
  private static double repairmanThroughput(
      int population, double think, int servers, double service) {
    return repairmanThroughput(population, think, k -> Math.min(k, servers) / service);
  }

  /** The same chain for any departure rate with k requests at the station. */
  private static double repairmanThroughput(
      int population, double think, IntToDoubleFunction departures) {
    var logWeight = new double[population + 1];
    double largest = 0;
    for (int k = 1; k <= population; k++) {
      logWeight[k] =
          logWeight[k - 1]
              + Math.log((population - k + 1) / think)
              - Math.log(departures.applyAsDouble(k));
      largest = Math.max(largest, logWeight[k]);
    }
    double norm = 0;
    double served = 0;
    for (int k = 0; k <= population; k++) {
      double weight = Math.exp(logWeight[k] - largest);
      norm += weight;
      served += k == 0 ? 0 : weight * departures.applyAsDouble(k);
    }
    return served / norm;
  }

  @Test
  void a_probed_machine_beside_a_latency_is_solved_exactly() {
    // Throughput that rises with the requests in the machine, as measured with no latency: a
    // third more per wake-up shared at 64 than at 1, flat past the last probe.
    var machine =
        new ProbedMachine(
            List.of(
                new ProbedMachine.Point(1, 600),
                new ProbedMachine.Point(4, 800),
                new ProbedMachine.Point(16, 1_200),
                new ProbedMachine.Point(64, 1_600),
                new ProbedMachine.Point(256, 2_000)));
    double latency = 0.1;
    var stations =
        List.of(Station.delay("upstream", 1, latency), Station.machine("machine", machine));
    var solutions = MeanValueAnalysis.solve(stations, 1000, n -> false);
    for (int population : List.of(1, 2, 10, 50, 100, 200, 300, 500, 1000)) {
      double exact = repairmanThroughput(population, latency, machine::throughputAt);
      assertThat(solutions.get(population - 1).throughputPerSecond())
          .as("N = %d", population)
          .isCloseTo(exact, within(1e-9 * exact));
    }
  }

  @Test
  void a_machine_probed_as_c_servers_is_the_station_of_c_servers() {
    double service = 0.004;
    var points = new java.util.ArrayList<ProbedMachine.Point>();
    for (int j = 1; j <= 4; j++) {
      points.add(new ProbedMachine.Point(j, j / service));
    }
    var probed =
        List.of(
            Station.delay("upstream", 1, 0.1),
            Station.machine("machine", new ProbedMachine(points)),
            Station.queue("database pool", 10, 2, 0.05));
    var servers =
        List.of(
            Station.delay("upstream", 1, 0.1),
            Station.queue("cpu", 4, 1, service),
            Station.queue("database pool", 10, 2, 0.05));
    var fromProbe = MeanValueAnalysis.solve(probed, 500, n -> false);
    var fromServers = MeanValueAnalysis.solve(servers, 500, n -> false);
    for (int population : List.of(1, 3, 10, 60, 500)) {
      double expected = fromServers.get(population - 1).throughputPerSecond();
      assertThat(fromProbe.get(population - 1).throughputPerSecond())
          .as("N = %d", population)
          .isCloseTo(expected, within(1e-9 * expected));
    }
  }

  @Test
  void load_dependent_mva_is_exact_for_the_machine_repairman_with_one_to_a_hundred_servers() {
    for (int servers : List.of(1, 3, 20, 100)) {
      double think = 0.3;
      double service = 0.01 * servers;
      var stations =
          List.of(Station.delay("think", 1, think), Station.queue("pool", servers, 1, service));
      var solutions = MeanValueAnalysis.solve(stations, 1000, n -> false);
      for (int population : List.of(1, 2, servers, 2 * servers, 30, 31, 100, 1000)) {
        double exact = repairmanThroughput(population, think, servers, service);
        assertThat(solutions.get(population - 1).throughputPerSecond())
            .as("c = %d, N = %d", servers, population)
            .isCloseTo(exact, within(1e-9 * exact));
      }
    }
  }

  /**
   * A sequential request: the upstream, 5 ms of CPU on two cores, two queries on ten connections.
   */
  private static final List<Station> SEQUENTIAL =
      List.of(
          Station.delay("upstream", 1, 0.1),
          Station.queue("cpu", 2, 1, 0.005),
          Station.queue("database pool", 10, 2, 0.1));

  @Test
  void one_request_alone_takes_the_sum_of_its_demands() {
    var alone = MeanValueAnalysis.solve(SEQUENTIAL, 1, n -> true).getFirst();
    assertThat(alone.responseSeconds()).isCloseTo(0.305, within(1e-12));
    assertThat(alone.centres()).allSatisfy(c -> assertThat(c.waitSeconds()).isZero());
  }

  @Test
  void throughput_never_passes_the_smallest_capacity_and_reaches_it() {
    var stations =
        List.of(Station.delay("upstream", 1, 0.1), Station.queue("database pool", 10, 2, 0.1));
    var solutions = MeanValueAnalysis.solve(stations, 2000, n -> false);
    assertThat(solutions)
        .allSatisfy(s -> assertThat(s.throughputPerSecond()).isLessThanOrEqualTo(50 + 1e-9));
    assertThat(solutions.getLast().throughputPerSecond()).isCloseTo(50, within(1e-6));
    assertThat(solutions.getLast().centres().getLast().utilisation()).isCloseTo(1, within(1e-6));
  }

  @Test
  void the_queue_lengths_add_up_to_the_population() {
    for (var solution : MeanValueAnalysis.solve(SEQUENTIAL, 200, n -> false)) {
      double inside =
          solution.centres().stream().mapToDouble(MeanValueAnalysis.Centre::queueLength).sum();
      assertThat(inside).isCloseTo(solution.population(), within(1e-6 * solution.population()));
    }
  }

  @Test
  void a_saturated_pool_makes_every_arrival_wait_for_the_requests_ahead_of_it() {
    // 30 requests, 10 connections held 100 ms, nothing else: 20 wait, each for 2 rounds of 10.
    var stations = List.of(Station.queue("database pool", 10, 1, 0.1));
    var solution = MeanValueAnalysis.solve(stations, 30, n -> n == 30).getLast();
    var waiting = solution.centres().getFirst().waitingPerVisit();
    assertThat(solution.responseSeconds()).isCloseTo(0.3, within(1e-9));
    assertThat(waiting.probabilityOfWaiting()).isCloseTo(1, within(1e-9));
    assertThat(waiting.meanSeconds()).isCloseTo(0.2, within(1e-9));
  }
}
