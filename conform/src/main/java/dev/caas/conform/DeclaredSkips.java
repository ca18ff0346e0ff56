package dev.caas.conform;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks the tests an implementation declared it skips as skipped, with its reason, before they run:
 * a skipped part is shown, never failed and never silently passed.
 */
final class DeclaredSkips implements ExecutionCondition {
  /** How a declared skip's reason starts, so the table can tell it from a suite's own skips. */
  static final String PREFIX = "declared: ";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Area area = Area.ofSuite(context.getRequiredTestClass().getName());
    String method = context.getTestMethod().map(Method::getName).orElse(null);
    boolean classLevel =
        context.getTestMethod().isEmpty()
            && context.getParent().isPresent()
            && context.getParent().get().getTestClass().isEmpty();
    for (Skip skip : Conformance.current().skips()) {
      boolean applies =
          skip.test().isEmpty()
              ? classLevel
              : method != null && skip.covers(area, method, context.getDisplayName());
      if (skip.area() == area && applies) {
        return ConditionEvaluationResult.disabled(PREFIX + skip.reason());
      }
    }
    return ConditionEvaluationResult.enabled("not declared skipped");
  }
}
