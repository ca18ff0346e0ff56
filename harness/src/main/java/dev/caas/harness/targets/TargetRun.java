package dev.caas.harness.targets;

import dev.caas.contract.Limits;
import dev.caas.contract.Variant.Composition;
import dev.caas.harness.bench.RunResult;

/**
 * One target measured at one point of a scenario.
 *
 * @param target what was measured
 * @param composition its composition, as its {@code Server-Timing} showed it in the warm-up
 * @param limits its limits from {@code /health}; {@code null}: limits unknown, the theory is the
 *     latency-only prediction
 * @param result the figures, computed as for a launched variant (its {@code variant} is {@code
 *     null}: a target is none of the six)
 */
public record TargetRun(Target target, Composition composition, Limits limits, RunResult result) {

  public boolean limitsKnown() {
    return limits != null;
  }

  /** No request failed and every served photo was billed exactly once. */
  public boolean passed() {
    return result.passed();
  }
}
