package io.stroomlijn.schedule;

import java.util.Optional;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses, at deployment, a timer start event whose expression Camunda cannot read: the deployment
 * fails as a parse error (a 400 from {@code /engine-rest/deployment/create}) naming the start event
 * and the expression, instead of deploying a timer that never fires. Expressions with {@code
 * ${...}} are resolved at run time and are not checked here. A parse listener, the engine's public
 * extension point for this, called after the engine has read the start event.
 */
class TimerExpressions extends AbstractBpmnParseListener {

  @Override
  public void parseStartEvent(Element startEvent, ScopeImpl scope, ActivityImpl activity) {
    Element timer = startEvent.element("timerEventDefinition");
    if (timer == null) {
      return;
    }
    Optional<String> problem = problem(timer, activity.getId());
    if (problem.isPresent()) {
      // The engine's parse turns this exception into a parse error of the deployment.
      throw new BpmnParseException(problem.get(), timer);
    }
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
