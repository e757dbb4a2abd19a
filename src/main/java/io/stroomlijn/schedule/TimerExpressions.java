package io.stroomlijn.schedule;

import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The engine's BPMN parse, refusing a timer start event whose expression Camunda cannot read: the
 * deployment fails as a parse error (a 400 from {@code /engine-rest/deployment/create}) naming the
 * start event and the expression, instead of deploying a timer that never fires. Expressions with
 * {@code ${...}} are resolved at run time and are not checked here.
 */
class TimerExpressions extends BpmnParse {

  TimerExpressions(BpmnParser parser) {
    super(parser);
  }

  @Override
  protected void parseTimerStartEventDefinition(
      Element timerEventDefinition,
      ActivityImpl timerActivity,
      ProcessDefinitionEntity processDefinition) {
    Optional<String> problem = problem(timerEventDefinition, timerActivity.getId());
    if (problem.isPresent()) {
      addError(problem.get(), timerEventDefinition, timerActivity.getId());
      return;
    }
    super.parseTimerStartEventDefinition(timerEventDefinition, timerActivity, processDefinition);
  }

  /** What is wrong with a timer definition's expression, if anything. */
  static Optional<String> problem(Element timer, String elementId) {
    for (String kind : new String[] {"timeCycle", "timeDate", "timeDuration"}) {
      Element definition = timer.element(kind);
      if (definition == null || definition.getText() == null) {
        continue;
      }
      String expression = definition.getText().trim();
      if (expression.contains("${") || expression.contains("#{")) {
        continue;
      }
      try {
        switch (kind) {
          case "timeCycle" -> new CycleBusinessCalendar().resolveDuedate(expression);
          case "timeDate" -> new DueDateBusinessCalendar().resolveDuedate(expression);
          default -> new DurationBusinessCalendar().resolveDuedate(expression);
        }
      } catch (ProcessEngineException | IllegalArgumentException e) {
        return Optional.of(
            "Timer start event "
                + elementId
                + ": "
                + kind
                + " '"
                + expression
                + "' is not "
                + expected(kind));
      }
    }
    return Optional.empty();
  }

  private static String expected(String kind) {
    return switch (kind) {
      case "timeCycle" -> "a cron expression (0 0 8 ? * MON-FRI) or an ISO 8601 cycle (R/PT15M)";
      case "timeDate" -> "an ISO 8601 date (2026-12-01T08:00)";
      default -> "an ISO 8601 duration (PT15M)";
    };
  }
}
