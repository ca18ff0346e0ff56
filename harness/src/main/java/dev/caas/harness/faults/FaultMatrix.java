package dev.caas.harness.faults;

import dev.caas.contract.Variant;
import dev.caas.harness.load.Sample;
import dev.caas.harness.text.AlignedTable;
import dev.caas.harness.text.Millis;
import dev.caas.testbed.Fault;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fault matrix: faults down, variants across, one {@link FaultRun} per cell. Printed three
 * ways, the same on the console, in Markdown and in HTML:
 *
 * <ul>
 *   <li>the overview: per cell {@code pass}, or {@code FAIL} with the tags of what went wrong;
 *   <li>the cells, one row each: requests, errors by kind ({@code 504 upstream ×12}), median and
 *       max time to fail against the deadline plus 50 ms, whether the pools went idle after (and
 *       how soon), the first request after recovery, billed minus photos delivered (a request whose
 *       client left is counted beside the errors, never as one);
 *   <li>one line per failed cell saying which and why.
 * </ul>
 */
public final class FaultMatrix {
  public static final List<String> DETAIL_HEADERS =
      List.of(
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
  private static final List<String> DETAIL_WORDS =
      List.of(
          "Fault", "Variant", "Errors by kind", "Pools idle after", "After recovery", "Verdict");

  private final List<FaultRun> runs;
  private final List<Fault> faults;
  private final List<Variant> variants;

  private FaultMatrix(List<FaultRun> runs) {
    this.runs = List.copyOf(runs);
    this.faults =
        List.copyOf(
            runs.stream()
                .map(FaultRun::fault)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    this.variants =
        List.copyOf(
            runs.stream()
                .map(FaultRun::variant)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  public static FaultMatrix of(List<FaultRun> runs) {
    return new FaultMatrix(runs);
  }

  public List<String> overviewHeaders() {
    var headers = new ArrayList<String>();
    headers.add("Fault");
    variants.forEach(variant -> headers.add(variant.wireName()));
    return headers;
  }

  /** One row per fault: {@code pass}, {@code FAIL: slow, billing}, or {@code not run}. */
  public List<List<String>> overviewRows() {
    var rows = new ArrayList<List<String>>();
    for (Fault fault : faults) {
      var row = new ArrayList<String>();
      row.add(fault.wireName());
      for (Variant variant : variants) {
        row.add(
            runs.stream()
                .filter(r -> r.fault() == fault && r.variant() == variant)
                .findFirst()
                .map(FaultMatrix::verdict)
                .orElse("not run"));
      }
      rows.add(row);
    }
    return rows;
  }

  /** One row per cell, in the order they ran. */
  public List<List<String>> detailRows() {
    return runs.stream().map(FaultMatrix::detail).toList();
  }

  static List<String> detail(FaultRun run) {
    var phases = run.phases();
    Sample after = run.afterRecovery();
    return List.of(
        run.fault().wireName(),
        run.variant().wireName(),
        Integer.toString(run.requests()),
        phases.get(FaultPhases.Phase.BEFORE)[1]
            + "/"
            + phases.get(FaultPhases.Phase.DURING)[1]
            + "/"
            + phases.get(FaultPhases.Phase.AFTER)[1],
        run.describeErrors(),
        Millis.format(run.timeToFailMedianMs()),
        Millis.format(run.timeToFailMaxMs()),
        "≤ " + Millis.format(run.timeToFailLimitMs()),
        run.idle().cell(),
        after == null
            ? "none"
            : after.errorKindWithStep() + " in " + Millis.format(after.latencyNanos() / 1e6),
        FaultRun.signed(run.billing().difference())
            + (run.billing().balanced() ? "" : " (mismatch)"),
        verdict(run));
  }

  public static String verdict(FaultRun run) {
    List<FaultRun.Problem> problems = run.problems();
    return problems.isEmpty()
        ? "pass"
        : "FAIL: " + problems.stream().map(FaultRun.Problem::tag).collect(Collectors.joining(", "));
  }

  /**
   * {@code FAIL postgres-down × sync-gathered: billing differs by +2: …; …}, one per failed cell.
   */
  public List<String> failureLines() {
    return runs.stream()
        .filter(run -> !run.passed())
        .map(
            run ->
                "FAIL "
                    + run.label()
                    + ": "
                    + run.problems().stream()
                        .map(FaultRun.Problem::sentence)
                        .collect(Collectors.joining("; ")))
        .toList();
  }

  public String overviewText() {
    return AlignedTable.text(overviewHeaders(), overviewRows(), overviewHeaders());
  }

  public String detailText() {
    return AlignedTable.text(DETAIL_HEADERS, detailRows(), DETAIL_WORDS);
  }

  public String overviewMarkdown() {
    return AlignedTable.markdown(overviewHeaders(), overviewRows(), overviewHeaders());
  }

  public String detailMarkdown() {
    return AlignedTable.markdown(DETAIL_HEADERS, detailRows(), DETAIL_WORDS);
  }

  public String overviewHtml() {
    return AlignedTable.html(overviewHeaders(), overviewRows(), overviewHeaders());
  }

  public String detailHtml() {
    return AlignedTable.html(DETAIL_HEADERS, detailRows(), DETAIL_WORDS);
  }

  /** What the matrix checks, in one paragraph for every report. */
  public static final String LEGEND =
      "A cell passes when every error's status and step are the fault's own, at least one "
          + "request failed while the fault lasted, no error took longer than the deadline + 50 ms, the pools were "
          + "idle again within 10 s of the load's end, the first request after that was a 200, and the billing ledger "
          + "(read once no compensation was pending) matches the photos delivered: the 200s whose whole body reached "
          + "the harness. Under client-abort half the clients leave right after sending (FIN or RST, at once or "
          + "mid-answer) while it lasts: no error answer is allowed, at least one client must have left, and none of "
          + "those requests may stay billed. Tags: unexpected, no error, slow, busy, recovery, billing.";
}
