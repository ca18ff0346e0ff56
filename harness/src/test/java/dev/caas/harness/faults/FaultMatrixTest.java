package dev.caas.harness.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caas.contract.Limits;
import dev.caas.contract.Load;
import dev.caas.contract.Variant;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.TestRuns;
import dev.caas.harness.load.LeavingClient;
import dev.caas.harness.load.Sample;
import dev.caas.harness.report.ReportWriter;
import dev.caas.harness.variant.BillingCheck;
import dev.caas.harness.variant.HealthWait;
import dev.caas.testbed.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fault matrix's verdicts and tables, on made-up cells: no variant, no testbed. */
public class FaultMatrixTest {
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final FaultPhases LOAD = new FaultPhases(4, Duration.ofMillis(1200));
  private static final long INJECTED = 1_200_000_000L;
  private static final long HEALED = 2_400_000_000L;
  private static final HealthWait IDLE =
      new HealthWait(HealthWait.Outcome.SETTLED, 120, new Load(0, 0, 20, 0, 0));

  @Test
  void a_cell_whose_errors_are_the_faults_own_and_come_by_the_deadline_passes() {
    FaultRun run =
        cell(Fault.UPSTREAM_TIMEOUT, Variant.LOOM_GATHERED, deadlineErrors(504, "upstream", 1003));

    assertThat(run.problems()).isEmpty();
    assertThat(run.passed()).isTrue();
    assertThat(run.describeErrors()).isEqualTo("504 upstream ×4");
    assertThat(run.timeToFailMaxMs()).isEqualTo(1003.0);
    assertThat(FaultMatrix.verdict(run)).isEqualTo("pass");
  }

  @Test
  void an_error_that_blames_another_step_or_has_another_status_fails_the_cell_as_unexpected() {
    var samples = deadlineErrors(504, "upstream", 900);
    samples.add(error(samples.size(), 1500, 20, 503, "billing"));
    FaultRun run = cell(Fault.UPSTREAM_LATENCY, Variant.SYNC_GATHERED, samples);

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("unexpected");
    assertThat(run.problems().getFirst().sentence())
        .isEqualTo("unexpected 503 billing ×1 (the fault allows 504 on upstream)");
  }

  @Test
  void an_error_without_a_step_is_unexpected_too() {
    var samples = deadlineErrors(504, null, 900);
    FaultRun run = cell(Fault.UPSTREAM_TIMEOUT, Variant.SYNC_GATHERED, samples);

    assertThat(run.problems().getFirst().sentence()).startsWith("unexpected 504 ×4");
  }

  @Test
  void postgres_down_allows_a_503_or_a_504_on_either_database_step() {
    var samples = deadlineErrors(503, "billing", 40);
    samples.add(error(samples.size(), 1500, 1010, 504, "name"));
    FaultRun run = cell(Fault.POSTGRES_DOWN, Variant.REACTIVE_GATHERED, samples);

    assertThat(run.passed()).isTrue();
    assertThat(run.describeErrors()).isEqualTo("503 billing ×4, 504 name ×1");
  }

  @Test
  void an_error_slower_than_the_deadline_plus_fifty_milliseconds_fails_the_cell() {
    FaultRun fastEnough =
        cell(
            Fault.UPSTREAM_LATENCY, Variant.LOOM_SEQUENTIAL, deadlineErrors(504, "upstream", 1049));
    FaultRun tooSlow =
        cell(
            Fault.UPSTREAM_LATENCY, Variant.LOOM_SEQUENTIAL, deadlineErrors(504, "upstream", 1051));

    assertThat(fastEnough.passed()).isTrue();
    assertThat(tooSlow.problems()).extracting(FaultRun.Problem::tag).containsExactly("slow");
    assertThat(tooSlow.problems().getFirst().sentence())
        .isEqualTo("4 errors over the deadline: the slowest 1051 ms > 1000 ms + 50 ms");
  }

  @Test
  void a_fault_that_failed_no_request_measured_nothing_and_fails_the_cell() {
    FaultRun run = cell(Fault.DOG_TABLE_LOCKED, Variant.SYNC_SEQUENTIAL, okSamples(30));

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("no error");
  }

  @Test
  void pools_still_busy_after_the_load_fail_the_cell_but_a_variant_that_cannot_say_does_not() {
    var busy = new HealthWait(HealthWait.Outcome.STILL_BUSY, 10_000, new Load(2, 1, 19, 0, 3));
    var unknown = new HealthWait(HealthWait.Outcome.NOT_REPORTED, 3, null);

    FaultRun stuck =
        cell(
            Fault.POSTGRES_LATENCY,
            Variant.SYNC_GATHERED,
            deadlineErrors(504, "billing", 1000),
            busy,
            ok(99, 0, 60, "dog-1.jpg"));
    FaultRun oldJar =
        cell(
            Fault.POSTGRES_LATENCY,
            Variant.SYNC_GATHERED,
            deadlineErrors(504, "billing", 1000),
            unknown,
            ok(99, 0, 60, "dog-1.jpg"));

    assertThat(stuck.problems()).extracting(FaultRun.Problem::tag).containsExactly("busy");
    assertThat(stuck.problems().getFirst().sentence())
        .contains("still busy after 10.00 s: 2 in flight", "3 compensations pending");
    assertThat(FaultMatrix.detail(stuck)).contains("NO after 10.00 s");
    assertThat(oldJar.passed()).isTrue();
    assertThat(FaultMatrix.detail(oldJar)).contains("load not reported");
  }

  @Test
  void a_first_request_after_recovery_that_is_not_a_200_fails_the_cell() {
    FaultRun run =
        cell(
            Fault.POSTGRES_DOWN,
            Variant.LOOM_GATHERED,
            deadlineErrors(503, "billing", 30),
            IDLE,
            error(99, 0, 4, 503, "billing"));

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("recovery");
    assertThat(run.problems().getFirst().sentence())
        .isEqualTo("the first request after recovery got 503 billing in 4.0 ms");
    assertThat(FaultMatrix.detail(run)).contains("503 billing in 4.0 ms");
  }

  @Test
  void a_billing_difference_fails_the_cell_and_names_the_filenames_and_counts() {
    var run =
        billedTooOften(
            Fault.DOG_TABLE_LOCKED,
            Variant.SYNC_SEQUENTIAL,
            deadlineErrors(504, "name", 1000),
            "dog-7.jpg",
            2);

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("billing");
    assertThat(run.problems().getFirst().sentence())
        .isEqualTo("billing differs by +2: dog-7.jpg billed 2, served 0");
    assertThat(FaultMatrix.detail(run)).contains("+2 (mismatch)");
  }

  @Test
  void a_client_abort_cell_with_clients_that_left_and_no_error_answer_passes() {
    FaultRun run = cell(Fault.CLIENT_ABORT, Variant.SYNC_GATHERED, leftWhileTheFaultLasts());

    assertThat(run.problems()).isEmpty();
    assertThat(run.errors()).isEmpty();
    assertThat(run.left()).hasSize(4);
    assertThat(run.describeErrors()).isEqualTo("none (4 clients left)");
    assertThat(FaultMatrix.detail(run)).contains("0/0/0", "none (4 clients left)", "0", "pass");
    assertThat(run.billing().served()).isEqualTo(21);
  }

  @Test
  void a_client_abort_cell_that_billed_the_clients_who_left_fails_on_billing() {
    var run =
        billedTooOften(
            Fault.CLIENT_ABORT, Variant.LOOM_SEQUENTIAL, leftWhileTheFaultLasts(), "dog-2.jpg", 4);

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("billing");
    assertThat(run.problems().getFirst().sentence())
        .isEqualTo("billing differs by +4: dog-2.jpg billed 10, served 6");
  }

  @Test
  void a_client_abort_cell_in_which_no_client_left_did_not_take_effect() {
    FaultRun run = cell(Fault.CLIENT_ABORT, Variant.REACTIVE_GATHERED, okSamples(30));

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("no error");
    assertThat(run.problems().getFirst().sentence()).startsWith("no client left while the fault");
  }

  @Test
  void any_error_answer_under_client_abort_is_unexpected() {
    var samples = leftWhileTheFaultLasts();
    samples.add(error(samples.size(), 1500, 30, 503, "billing"));
    FaultRun run = cell(Fault.CLIENT_ABORT, Variant.SYNC_SEQUENTIAL, samples);

    assertThat(run.problems()).extracting(FaultRun.Problem::tag).containsExactly("unexpected");
    assertThat(run.problems().getFirst().sentence())
        .isEqualTo("unexpected 503 billing ×1 (the fault allows no error answer)");
  }

  @Test
  void the_overview_puts_faults_down_and_variants_across_with_the_tags_of_what_failed() {
    var matrix =
        FaultMatrix.of(
            List.of(
                cell(
                    Fault.UPSTREAM_DOWN,
                    Variant.SYNC_GATHERED,
                    deadlineErrors(503, "upstream", 20)),
                cell(
                    Fault.POSTGRES_DOWN,
                    Variant.SYNC_GATHERED,
                    deadlineErrors(503, "upstream", 2000)),
                cell(
                    Fault.UPSTREAM_DOWN,
                    Variant.LOOM_GATHERED,
                    deadlineErrors(503, "upstream", 15))));

    assertThat(matrix.overviewHeaders()).containsExactly("Fault", "sync-gathered", "loom-gathered");
    assertThat(matrix.overviewRows())
        .containsExactly(
            List.of("upstream-down", "pass", "pass"),
            List.of("postgres-down", "FAIL: unexpected, slow", "not run"));
    assertThat(matrix.overviewText()).contains("postgres-down  FAIL: unexpected, slow  not run");
  }

  @Test
  void
      each_cell_row_has_errors_by_kind_time_to_fail_against_the_deadline_idle_pools_recovery_and_billing() {
    var samples = new ArrayList<>(okSamples(10));
    samples.addAll(deadlineErrors(504, "upstream", 1002).subList(10, 14));
    FaultRun run = cell(Fault.UPSTREAM_TIMEOUT, Variant.REACTIVE_SEQUENTIAL, samples);

    assertThat(FaultMatrix.DETAIL_HEADERS)
        .containsExactly(
            "Fault",
            "Variant",
            "Requests",
            "Failed before/during/after",
            "Errors by kind",
            "Time to fail median",
            "max",
            "Limit",
            "Pools idle after",
            "After recovery",
            "Billed − served",
            "Verdict");
    assertThat(FaultMatrix.detail(run))
        .containsExactly(
            "upstream-timeout",
            "reactive-sequential",
            "14",
            "0/4/0",
            "504 upstream ×4",
            "1002 ms",
            "1002 ms",
            "≤ 1050 ms",
            "yes, 120 ms",
            "200 in 60 ms",
            "0",
            "pass");
  }

  @Test
  void every_failed_cell_gets_one_line_saying_which_and_why_and_fails_the_bench() {
    FaultRun good =
        cell(Fault.UPSTREAM_DOWN, Variant.SYNC_GATHERED, deadlineErrors(503, "upstream", 20));
    FaultRun bad =
        cell(
            Fault.UPSTREAM_DOWN,
            Variant.REACTIVE_GATHERED,
            deadlineErrors(502, "upstream", 20),
            IDLE,
            error(99, 0, 3, 503, "upstream"));
    BenchReport report = report(List.of(good, bad));

    assertThat(FaultMatrix.of(report.faultRuns()).failureLines())
        .containsExactly(
            "FAIL upstream-down × reactive-gathered: unexpected 502 upstream ×4 (the fault allows 503 on upstream); "
                + "the first request after recovery got 503 upstream in 3.0 ms");
    assertThat(report.passed()).isFalse();
    assertThat(report(List.of(good)).passed()).isTrue();
  }

  @Test
  void the_console_markdown_and_json_carry_the_matrix_beside_the_provenance() {
    BenchReport report =
        report(
            List.of(
                cell(
                    Fault.UPSTREAM_DOWN,
                    Variant.SYNC_GATHERED,
                    deadlineErrors(503, "upstream", 20)),
                cell(
                    Fault.UPSTREAM_DOWN,
                    Variant.LOOM_GATHERED,
                    deadlineErrors(503, "billing", 20))));

    String text = ReportWriter.text(report);
    assertThat(text)
        .contains(
            "backends",
            "harness JDK",
            "cores",
            "latency            upstream 20 ms, postgres 20 ms",
            "workload           closed loop, 4 clients for 3600 ms: fault injected at 1200 ms, healed at 2400 ms",
            "deadline           1000 ms; an error may take up to 1050 ms",
            "Fault matrix (faults × variants):",
            "upstream-down  pass           FAIL: unexpected",
            "Failed:",
            "FAIL upstream-down × loom-gathered: unexpected 503 billing ×4");
    assertThat(ReportWriter.markdown(report))
        .contains(
            "## Fault matrix (faults × variants)",
            "| upstream-down | pass | FAIL: unexpected |",
            "## Cells",
            "## Failed");
    var json = ReportWriter.json(report);
    assertThat(json.path("faults").path("deadline_ms").asLong()).isEqualTo(1000);
    assertThat(json.path("faults").path("cells")).hasSize(2);
    var cell = json.path("faults").path("cells").get(1);
    assertThat(cell.path("passed").asBoolean()).isFalse();
    assertThat(cell.path("error_kinds").path("503 billing").asInt()).isEqualTo(4);
    assertThat(cell.path("problems").get(0).path("tag").asText()).isEqualTo("unexpected");
    assertThat(cell.path("time_to_fail_ms").path("limit").asDouble()).isEqualTo(1050.0);
    assertThat(json.path("passed").asBoolean()).isFalse();
    assertThat(json.path("runs")).isEmpty();
    assertThat(json.path("failures")).hasSize(1);
  }

  // --- made-up cells: 4 clients, fault from 1.2 s to 2.4 s ---

  /**
   * Ten 200s before, four errors of {@code millis} starting while the fault lasts, ten 200s after.
   */
  public static List<Sample> deadlineErrors(int status, String step, long millis) {
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < 10; i++) {
      samples.add(ok(samples.size(), i * 100, 60, "dog-" + i % 3 + ".jpg"));
    }
    for (int i = 0; i < 4; i++) {
      samples.add(error(samples.size(), 1250 + i * 10, millis, status, step));
    }
    for (int i = 0; i < 10; i++) {
      samples.add(ok(samples.size(), 2500 + i * 100, 60, "dog-" + i % 3 + ".jpg"));
    }
    return samples;
  }

  /** As {@link #deadlineErrors} but the four in the middle are clients that left, FIN and RST. */
  private static List<Sample> leftWhileTheFaultLasts() {
    var samples = deadlineErrors(200, null, 60);
    for (int i = 10; i < 14; i++) {
      long start = (1250 + (i - 10) * 10) * 1_000_000L;
      samples.set(
          i,
          new Sample(
              i,
              start,
              start,
              start + 1_000_000,
              0,
              0,
              null,
              null,
              LeavingClient.LEFT + (i % 2 == 0 ? " (FIN)" : " (RST)")));
    }
    return samples;
  }

  private static List<Sample> okSamples(int count) {
    var samples = new ArrayList<Sample>();
    for (int i = 0; i < count; i++) {
      samples.add(ok(i, i * 120, 60, "dog-" + i % 3 + ".jpg"));
    }
    return samples;
  }

  private static Sample ok(int index, long startMs, long millis, String file) {
    long start = startMs * 1_000_000;
    return new Sample(
        index, start, start, start + millis * 1_000_000, 200, 40_000, file, null, null, null);
  }

  private static Sample error(int index, long startMs, long millis, int status, String step) {
    long start = startMs * 1_000_000;
    return new Sample(
        index, start, start, start + millis * 1_000_000, status, 80, null, null, null, step);
  }

  public static FaultRun cell(Fault fault, Variant variant, List<Sample> samples) {
    return cell(fault, variant, samples, IDLE, ok(samples.size(), 0, 60, "dog-1.jpg"));
  }

  public static FaultRun cell(
      Fault fault, Variant variant, List<Sample> samples, HealthWait idle, Sample after) {
    return cell(fault, variant, samples, idle, after, billedFor(samples, after));
  }

  /** A cell whose ledger holds {@code extra} more events for {@code file} than were delivered. */
  private static FaultRun billedTooOften(
      Fault fault, Variant variant, List<Sample> samples, String file, long extra) {
    Sample after = ok(99, 0, 60, "dog-1.jpg");
    var billed = billedFor(samples, after);
    billed.merge(file, extra, Long::sum);
    return cell(fault, variant, samples, IDLE, after, billed);
  }

  private static FaultRun cell(
      Fault fault,
      Variant variant,
      List<Sample> samples,
      HealthWait idle,
      Sample after,
      Map<String, Long> billed) {
    return new FaultRun(
        variant,
        fault,
        new Limits(32, 20, null, null),
        DEADLINE,
        LOAD,
        samples,
        INJECTED,
        HEALED,
        idle,
        after,
        BillingCheck.of(billed, with(samples, after), IDLE));
  }

  private static List<Sample> with(List<Sample> samples, Sample after) {
    var all = new ArrayList<>(samples);
    all.add(after);
    return all;
  }

  private static Map<String, Long> billedFor(List<Sample> samples, Sample after) {
    var billed = new HashMap<String, Long>();
    with(samples, after).stream()
        .filter(Sample::ok)
        .forEach(s -> billed.merge(s.filename(), 1L, Long::sum));
    return billed;
  }

  public static BenchReport report(List<FaultRun> cells) {
    BenchConfig config =
        BenchConfig.builder()
            .variants(cells.stream().map(FaultRun::variant).distinct().toList())
            .faults(cells.stream().map(FaultRun::fault).distinct().toList())
            .build();
    return new BenchReport(
        TestRuns.provenance(), config, List.of(), List.of(), Optional.empty(), cells);
  }
}
