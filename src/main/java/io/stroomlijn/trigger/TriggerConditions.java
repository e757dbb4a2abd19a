package io.stroomlijn.trigger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code trigger.condition} expressions with the engine's own JUEL, against the variables
 * the run would get, so a condition reads exactly like an expression inside the flow.
 */
@Component
class TriggerConditions {

  private final JuelExpressionManager expressions;
  private final Map<String, ValueExpression> parsed = new ConcurrentHashMap<>();

  TriggerConditions(ProcessEngineConfiguration configuration) {
    this.expressions =
        (JuelExpressionManager)
            ((ProcessEngineConfigurationImpl) configuration).getExpressionManager();
  }

  /**
   * Whether the condition holds; throws {@link ConditionException} when it cannot be parsed or
   * evaluated, or is not a boolean.
   */
  boolean holds(String condition, VariableMap variables) {
    Object value;
    try {
      ValueExpression expression =
          parsed.computeIfAbsent(condition, expressions::createValueExpression);
      value = expression.getValue(expressions.createElContext(variables.asVariableContext()));
    } catch (RuntimeException e) {
      throw new ConditionException(condition + ": " + rootMessage(e), e);
    }
    if (value instanceof Boolean result) {
      return result;
    }
    throw new ConditionException(
        condition + " gave " + (value == null ? "null" : "'" + value + "'") + ", not true or false",
        null);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** A trigger condition that could not be evaluated. */
  static final class ConditionException extends RuntimeException {
    ConditionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
