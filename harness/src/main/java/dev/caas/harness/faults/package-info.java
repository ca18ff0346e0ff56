/**
 * The fault matrix.
 *
 * <p>{@code --fault NAME,…|all} runs, for each variant and each fault of the testbed's catalogue
 * ({@link dev.caas.testbed.Fault}), a fresh JVM with a short deadline (1 s), a warm-up, then {@link
 * dev.caas.harness.faults.FaultPhases}: 4 clients for three phases at 20 ms, the fault injected as
 * the second phase begins and healed as the third begins. Then the harness waits for the variant's
 * pools to be idle, sends one request that must be a 200, waits for the compensations and
 * reconciles the billing. {@link dev.caas.harness.faults.FaultRun} decides each cell (errors of the
 * fault's own status and step, none slower than the deadline + 50 ms, pools idle, recovered, books
 * balanced) and {@link dev.caas.harness.faults.FaultMatrix} prints faults down, variants across,
 * then one row per cell and one line per failure.
 *
 * <p>{@code client-abort} is the one fault the testbed does not inject: while it lasts, every other
 * client of the load leaves right after sending its request ({@link
 * dev.caas.harness.load.LeavingClient}: FIN or RST, at once or halfway through an answer's time).
 * Those clients get no answer, so no error is expected; the cell checks that the variant billed
 * only the photos delivered whole and that its pools went back to idle.
 */
package dev.caas.harness.faults;
