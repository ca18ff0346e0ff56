package dev.caas.workshop.billexactlyonce;

import dev.caas.contract.Variant;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.RunningVariant;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Your handler is a correct loom-gathered variant as long as nothing fails: the contract suite says
 * so. What it does when a step fails after billing is the exercise, and {@code ./caas check
 * bill-exactly-once} measures it under load; the one contract test about it is left to the check
 * ({@link LeftToTheCheck}).
 */
@ExtendWith(ExerciseContractTest.LeftToTheCheck.class)
class ExerciseContractTest extends DogServiceContract {
  ExerciseContractTest() {
    super(
        Variant.Model.LOOM,
        options -> {
          var server = DogApp.start(options);
          return new RunningVariant(server.port(), server);
        },
        Variant.Composition.GATHERED);
  }

  /**
   * The contract test that fails one request after billing and then counts the ledger: on the
   * starter it fails by design, before the check has measured anything, and its name says what the
   * fix is. The check grades the same thing with the {@code dog} table locked under load, and its
   * verdict says what it measured.
   */
  static final class LeftToTheCheck implements ExecutionCondition {
    static final String BILLING_AFTER_A_FAILURE =
        "the_billing_endpoint_agrees_with_the_ledger_after_bills_and_compensations";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context
          .getTestMethod()
          .filter(method -> method.getName().equals(BILLING_AFTER_A_FAILURE))
          .map(
              method ->
                  ConditionEvaluationResult.disabled(
                      "billing after a failed step is what this exercise is about: ./caas check"
                          + " bill-exactly-once measures it"))
          .orElse(ConditionEvaluationResult.enabled("a contract test of a correct variant"));
    }
  }
}
